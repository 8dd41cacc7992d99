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

/** The app was built but could not start (e.g. a store-backed table's database is unreachable). */
export class AppStartError extends Error {
  constructor(
    readonly appName: string,
    readonly reason: unknown,
  ) {
    super(`Siddhi app '${appName}' could not start: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'AppStartError';
  }
}
