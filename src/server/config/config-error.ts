/** A configuration problem: what is wrong, where (file:line:column, env var or flag) and how to fix it. */
export interface ConfigProblem {
  readonly where: string;
  readonly message: string;
  readonly fix: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid configuration:\n` + problems.map((p) => `  ${p.where}: ${p.message}\n    fix: ${p.fix}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** A warning about the configuration, on one line and its fix on the next. */
export function warningText(w: ConfigProblem): string {
  return `warning: ${w.where}: ${w.message}\n    ${w.fix}`;
}
