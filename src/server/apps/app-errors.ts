/** Deployment failures the REST layer maps to status codes. */
export class AppExistsError extends Error {
  constructor(readonly appName: string) {
    super(`Siddhi app '${appName}' already exists; update it with PUT /siddhi-apps or remove it first`);
    this.name = 'AppExistsError';
  }
}

export class AppNotFoundError extends Error {
  constructor(readonly appName: string) {
    super(`there is no Siddhi app named '${appName}'`);
    this.name = 'AppNotFoundError';
  }
}
