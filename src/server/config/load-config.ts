/**
 * Loads the server configuration: embedded defaults, then the YAML file, then `TRIBUTARY_*`
 * environment variables, then command-line flags. Every problem is reported at once, each with
 * where it is (file:line:column, variable or flag) and how to fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { ConfigError, type ConfigProblem } from './config-error.js';
import {
  DEFAULT_CONFIG,
  type PersistenceType,
  type Role,
  type ServerConfig,
  type TokenConfig,
  type UserConfig,
} from './server-config.js';
import { checkPostgresUrl } from '../persistence/postgres-url.js';
import { aggregationZone } from '../../engine/aggregation/granularity.js';
import { readDataSources } from './read-datasources.js';
import { readExtensionProperties } from './read-extension-properties.js';
import { readRefs } from './read-refs.js';
import type { IoRefs } from '../../lang/io-refs.js';

export interface ConfigFlags {
  readonly config?: string;
  readonly port?: string | number;
  readonly host?: string;
  readonly apps?: string;
  readonly dataDir?: string;
}

type Check<T> = (v: unknown) => { value: T } | { message: string; fix: string };

interface Field<T> {
  readonly key: string;
  readonly env?: string;
  readonly flag?: keyof ConfigFlags;
  readonly check: Check<T>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PERSISTENCE_TYPES: readonly PersistenceType[] = ['sqlite', 'file', 'postgresql', 'memory', 'none'];

const str: Check<string> = (v) =>
  typeof v === 'string' && v.trim() !== ''
    ? { value: v }
    : { message: `expected a non-empty string, got ${show(v)}`, fix: 'give a text value' };

const int =
  (min: number, max: number, example: number): Check<number> =>
  (v) => {
    const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
      ? { value: n }
      : {
          message: `expected an integer from ${min} to ${max}, got ${show(v)}`,
          fix: `use a number such as ${example}`,
        };
  };

const bool: Check<boolean> = (v) => {
  if (typeof v === 'boolean') return { value: v };
  if (v === 'true' || v === '1') return { value: true };
  if (v === 'false' || v === '0') return { value: false };
  return { message: `expected true or false, got ${show(v)}`, fix: 'write true or false' };
};

const oneOf =
  <T extends string>(options: readonly T[]): Check<T> =>
  (v) =>
    typeof v === 'string' && (options as readonly string[]).includes(v.toLowerCase())
      ? { value: v.toLowerCase() as T }
      : { message: `expected one of ${options.join(', ')}, got ${show(v)}`, fix: `use one of ${options.join(', ')}` };

const timeZone: Check<string> = (v) => {
  const fix =
    "use an IANA zone id such as 'Asia/Singapore' or 'America/New_York', 'UTC', or an offset such as '+05:30'";
  if (typeof v !== 'string' || v.trim() === '') return { message: `expected a time zone id, got ${show(v)}`, fix };
  const zone = aggregationZone(v);
  return typeof zone === 'string' ? { message: `'${v}' is not a known time zone`, fix } : { value: v.trim() };
};

const FIELDS = {
  host: { key: 'host', env: 'TRIBUTARY_HOST', flag: 'host', check: str },
  port: { key: 'port', env: 'TRIBUTARY_PORT', flag: 'port', check: int(0, 65535, 9090) },
  apps: { key: 'apps', env: 'TRIBUTARY_APPS', flag: 'apps', check: str },
  dataDir: { key: 'dataDir', env: 'TRIBUTARY_DATA_DIR', flag: 'dataDir', check: str },
  persistenceType: { key: 'persistence.type', env: 'TRIBUTARY_PERSISTENCE', check: oneOf(PERSISTENCE_TYPES) },
  persistenceInterval: {
    key: 'persistence.interval',
    env: 'TRIBUTARY_PERSISTENCE_INTERVAL',
    check: int(0, 86400 * 365, 60),
  },
  revisionsToKeep: { key: 'persistence.revisionsToKeep', check: int(1, 1000, 3) },
  persistenceUrl: { key: 'persistence.url', env: 'TRIBUTARY_PERSISTENCE_URL', check: str },
  persistenceIncremental: {
    key: 'persistence.incremental',
    env: 'TRIBUTARY_PERSISTENCE_INCREMENTAL',
    check: bool,
  },
  fullSnapshotEvery: { key: 'persistence.fullSnapshotEvery', check: int(0, 100000, 10) },
  authEnabled: { key: 'auth.enabled', env: 'TRIBUTARY_AUTH', check: bool },
  tlsCert: { key: 'tls.cert', env: 'TRIBUTARY_TLS_CERT', check: str },
  tlsKey: { key: 'tls.key', env: 'TRIBUTARY_TLS_KEY', check: str },
  statistics: { key: 'statistics', env: 'TRIBUTARY_STATISTICS', check: bool },
  logLevel: { key: 'logLevel', env: 'TRIBUTARY_LOG_LEVEL', check: oneOf(LOG_LEVELS) },
  aggregationTimeZone: { key: 'aggregationTimeZone', env: 'TRIBUTARY_AGGREGATION_TIME_ZONE', check: timeZone },
} satisfies Record<string, Field<unknown>>;

const KNOWN_KEYS = new Set([
  ...Object.values(FIELDS).map((f) => f.key),
  'persistence',
  'auth',
  'auth.users',
  'auth.tokens',
  'tls',
  'refs',
  'datasources',
  'wso2.datasources',
  'extensionProperties',
  'siddhi',
  'siddhi.refs',
  'siddhi.extensions',
]);

/** Keys whose contents are free-form (checked by their own readers). */
const OPEN_KEYS = new Set([
  'refs',
  'datasources',
  'wso2.datasources',
  'extensionProperties',
  'siddhi.refs',
  'siddhi.extensions',
]);

/**
 * Top-level settings of WSO2 SI's deployment.yaml that Tributary has no use for, besides every other
 * `wso2.*` key: a deployment.yaml given as the config file loads, its datasources, refs and extension
 * settings read, these ignored with one warning.
 */
const WSO2_SI_KEYS = new Set([
  'siddhi.stores.query.api',
  'databridge.config',
  'data.agent.config',
  'state.persistence',
  'error.store',
  'cluster.config',
  'auth.configs',
  'service.catalog.configs',
  'deployment.config',
  'analytics.solutions',
]);

/** Whether a key is a deployment.yaml setting Tributary ignores (with a warning). */
function ignoredWso2Key(path: readonly string[]): boolean {
  const key = path.join('.');
  if (path.length === 1) return (key.startsWith('wso2.') && key !== 'wso2.datasources') || WSO2_SI_KEYS.has(key);
  // Siddhi's system properties (`siddhi: properties:`): Tributary's apps read ${NAME} from the environment.
  return key === 'siddhi.properties';
}

interface FileLayer {
  readonly values: Record<string, unknown>;
  /** Position of the value at the path. */
  where(path: readonly string[]): string;
  /** Position of the key of the path. */
  keyWhere(path: readonly string[]): string;
}

export function loadConfig(
  flags: ConfigFlags = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): ServerConfig {
  const problems: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const file = readConfigFile(flags.config, cwd, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const pick = <T>(field: Field<T>, fallback: T): T => {
    const path = field.key.split('.');
    let raw: unknown;
    let where: string | undefined;
    let fix = '';
    if (field.flag && flags[field.flag] !== undefined) {
      raw = flags[field.flag];
      where = `flag --${field.flag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    } else if (field.env && env[field.env] !== undefined && env[field.env] !== '') {
      raw = env[field.env];
      where = `environment variable ${field.env}`;
    } else if (file && getPath(file.values, path) !== undefined) {
      raw = getPath(file.values, path);
      where = `${file.where(path)} '${field.key}'`;
      fix = ` in the config file`;
    }
    if (where === undefined) return fallback;
    const r = field.check(raw);
    if ('value' in r) return r.value;
    problems.push({ where, message: r.message, fix: r.fix + fix });
    return fallback;
  };

  if (file) checkUnknownKeys(file, problems, warnings);
  const d = DEFAULT_CONFIG;
  const cert = pick(FIELDS.tlsCert, '');
  const key = pick(FIELDS.tlsKey, '');
  if ((cert === '') !== (key === '')) {
    problems.push({
      where: 'tls',
      message: 'TLS needs both a certificate and a key; only one is set',
      fix: 'set both tls.cert and tls.key (or TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY), or neither',
    });
  }
  for (const [what, p] of [
    ['certificate', cert],
    ['key', key],
  ] as const) {
    if (p !== '' && !existsSync(resolve(cwd, p))) {
      problems.push({
        where: `tls.${what === 'certificate' ? 'cert' : 'key'}`,
        message: `the TLS ${what} file '${resolve(cwd, p)}' does not exist`,
        fix: 'give the path of a PEM file',
      });
    }
  }
  const config: ServerConfig = {
    host: pick(FIELDS.host, d.host),
    port: pick(FIELDS.port, d.port),
    appsDir: resolve(cwd, pick(FIELDS.apps, d.appsDir)),
    dataDir: resolve(cwd, pick(FIELDS.dataDir, d.dataDir)),
    persistence: {
      type: pick(FIELDS.persistenceType, d.persistence.type),
      intervalSeconds: pick(FIELDS.persistenceInterval, d.persistence.intervalSeconds),
      revisionsToKeep: pick(FIELDS.revisionsToKeep, d.persistence.revisionsToKeep),
      url: pick(FIELDS.persistenceUrl, ''),
      incremental: pick(FIELDS.persistenceIncremental, d.persistence.incremental),
      fullSnapshotEvery: pick(FIELDS.fullSnapshotEvery, d.persistence.fullSnapshotEvery),
    },
    auth: {
      enabled: pick(FIELDS.authEnabled, d.auth.enabled),
      users: file ? readUsers(file, problems) : [],
      tokens: file ? readTokens(file, problems) : [],
    },
    tls: cert !== '' && key !== '' ? { cert: resolve(cwd, cert), key: resolve(cwd, key) } : undefined,
    statistics: pick(FIELDS.statistics, d.statistics),
    logLevel: pick(FIELDS.logLevel, d.logLevel),
    aggregationTimeZone: pick<string | undefined>(FIELDS.aggregationTimeZone, undefined),
    refs: file ? readAllRefs(file, problems) : undefined,
    datasources: file
      ? readDataSources(
          file.values['datasources'],
          file.values['wso2.datasources'],
          (path) => file.where(path),
          problems,
          env,
        )
      : undefined,
    extensionProperties: file
      ? readExtensionProperties(
          file.values['extensionProperties'],
          getPath(file.values, ['siddhi', 'extensions']),
          (path) => file.where(path),
          problems,
        )
      : undefined,
    warnings,
    source: file ? file.where([]).replace(/:\d+:\d+$/, '') : undefined,
  };
  const url = checkPersistenceUrl(config.persistence.type, config.persistence.url ?? '', problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, persistence: { ...config.persistence, url } };
}

/** `refs:` and deployment.yaml's `siddhi: refs:`, one set of names. */
function readAllRefs(file: FileLayer, problems: ConfigProblem[]): IoRefs | undefined {
  const where = (path: readonly string[]): string => file.where(path);
  const top = readRefs(file.values['refs'], where, problems);
  const siddhi = readRefs(getPath(file.values, ['siddhi', 'refs']), where, problems, ['siddhi', 'refs']);
  if (top === undefined || siddhi === undefined) return top ?? siddhi;
  for (const name of Object.keys(siddhi)) {
    if (Object.hasOwn(top, name)) {
      problems.push({
        where: file.where(['siddhi', 'refs']),
        message: `ref '${name}' is defined in both refs and siddhi.refs`,
        fix: 'keep one of them',
      });
    }
  }
  return { ...top, ...siddhi };
}

/** The PostgreSQL URL: required by (and only used with) type postgresql; problems never show its password. */
function checkPersistenceUrl(type: PersistenceType, url: string, problems: ConfigProblem[]): string | undefined {
  if (type === 'postgresql') {
    if (url === '') {
      problems.push({
        where: 'persistence.url',
        message: "persistence type 'postgresql' needs the database's URL",
        fix: 'set persistence.url (or TRIBUTARY_PERSISTENCE_URL) to postgresql://user:password@host:5432/database',
      });
      return undefined;
    }
    const bad = checkPostgresUrl(url);
    if (bad !== undefined) {
      problems.push({ where: 'persistence.url', message: bad, fix: 'give a postgresql:// URL' });
      return undefined;
    }
    return url;
  }
  if (url !== '') {
    problems.push({
      where: 'persistence.url',
      message: `persistence.url is used only with persistence type 'postgresql', not '${type}'`,
      fix: "set persistence.type to 'postgresql', or remove persistence.url (and TRIBUTARY_PERSISTENCE_URL)",
    });
  }
  return undefined;
}

function readConfigFile(path: string | undefined, cwd: string, problems: ConfigProblem[]): FileLayer | undefined {
  const explicit = path !== undefined;
  const full = resolve(cwd, path ?? 'tributary.yaml');
  if (!existsSync(full)) {
    if (explicit) {
      problems.push({
        where: `flag --config`,
        message: `the config file '${full}' does not exist`,
        fix: 'give the path of a YAML file, or leave --config out to run on the embedded defaults',
      });
    }
    return undefined;
  }
  const text = readFileSync(full, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const pos = (offset: number): string => {
    const p = lines.linePos(offset);
    return `${full}:${p.line}:${p.col}`;
  };
  for (const e of doc.errors) {
    problems.push({ where: pos(e.pos[0]), message: e.message.split('\n')[0]!, fix: 'correct the YAML syntax' });
  }
  if (doc.errors.length > 0) return undefined;
  const values = doc.toJS() as unknown;
  if (values === null || values === undefined)
    return { values: {}, where: () => `${full}:1:1`, keyWhere: () => `${full}:1:1` };
  if (!isMap(doc.contents) || typeof values !== 'object' || Array.isArray(values)) {
    problems.push({
      where: `${full}:1:1`,
      message: 'the config file must hold a mapping of settings',
      fix: 'write settings as `key: value` lines, e.g. `port: 9090`',
    });
    return undefined;
  }
  return {
    values: values as Record<string, unknown>,
    where(path) {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return pos(node.range[0]);
      }
      return `${full}:1:1`;
    },
    keyWhere(path) {
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
        if (pair && isScalar(pair.key) && pair.key.range) return pos(pair.key.range[0]);
      }
      return this.where(path);
    },
  };
}

function checkUnknownKeys(file: FileLayer, problems: ConfigProblem[], warnings: ConfigProblem[]): void {
  const ignored: string[][] = [];
  const visit = (obj: Record<string, unknown>, prefix: string[]): void => {
    for (const [k, v] of Object.entries(obj)) {
      const path = [...prefix, k];
      const key = path.join('.');
      if (ignoredWso2Key(path)) ignored.push(path);
      else if (!KNOWN_KEYS.has(key)) {
        const options = [...KNOWN_KEYS].filter((x) =>
          // wso2.datasources is one top-level key, as deployment.yaml writes it
          x === 'wso2.datasources'
            ? path.length === 1
            : x.split('.').length === path.length && x.startsWith(prefix.join('.')),
        );
        problems.push({
          where: file.keyWhere(path),
          message: `unknown setting '${key}'`,
          fix: `remove it or use one of: ${options.join(', ')}`,
        });
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && !OPEN_KEYS.has(key)) {
        visit(v as Record<string, unknown>, path);
      }
    }
  };
  visit(file.values, []);
  if (ignored.length > 0) {
    warnings.push({
      where: file.keyWhere(ignored[0]!),
      message: `WSO2 SI setting(s) ${ignored.map((p) => p.join('.')).join(', ')} not used by Tributary; ignored`,
      fix: 'nothing to do (of a deployment.yaml, Tributary reads wso2.datasources and siddhi: extensions and refs); remove them to silence this',
    });
  }
}

const ROLES: readonly Role[] = ['admin', 'viewer'];

function readUsers(file: FileLayer, problems: ConfigProblem[]): UserConfig[] {
  const list = getPath(file.values, ['auth', 'users']);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({
      where: file.where(['auth', 'users']),
      message: 'auth.users must be a list',
      fix: 'write `users:` followed by `- name: ...` entries with password and roles',
    });
    return [];
  }
  const users: UserConfig[] = [];
  list.forEach((u: unknown, i) => {
    const where = file.where(['auth', 'users', String(i)]);
    const o = (typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>;
    const name = o['name'];
    const password = o['password'];
    const passwordHash = o['passwordHash'];
    const roles = o['roles'] ?? ['viewer'];
    if (typeof name !== 'string' || name === '') {
      problems.push({ where, message: `user ${i + 1} has no name`, fix: 'add `name: <user name>`' });
      return;
    }
    if (typeof password !== 'string' && typeof passwordHash !== 'string' && name !== 'admin') {
      problems.push({
        where,
        message: `user '${name}' has no password`,
        fix: 'add `password: ...` or `passwordHash: ...` (made with `tributary serve --hash-password`)',
      });
      return;
    }
    const roleList = Array.isArray(roles) ? roles : [roles];
    const bad = roleList.filter((r) => !(ROLES as readonly unknown[]).includes(r));
    if (bad.length > 0) {
      problems.push({
        where,
        message: `user '${name}' has unknown role(s) ${bad.map(show).join(', ')}`,
        fix: `use roles from: ${ROLES.join(', ')}`,
      });
      return;
    }
    users.push({
      name,
      roles: roleList as Role[],
      ...(typeof password === 'string' ? { password } : {}),
      ...(typeof passwordHash === 'string' ? { passwordHash } : {}),
    });
  });
  return users;
}

function readTokens(file: FileLayer, problems: ConfigProblem[]): TokenConfig[] {
  const list = getPath(file.values, ['auth', 'tokens']);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({
      where: file.where(['auth', 'tokens']),
      message: 'auth.tokens must be a list',
      fix: 'write `tokens:` followed by `- token: ...` / `user: ...` entries',
    });
    return [];
  }
  const tokens: TokenConfig[] = [];
  list.forEach((t: unknown, i) => {
    const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    if (typeof o['token'] !== 'string' || (o['token'] as string).length < 16 || typeof o['user'] !== 'string') {
      problems.push({
        where: file.where(['auth', 'tokens', String(i)]),
        message: `token ${i + 1} needs a 'token' of at least 16 characters and the 'user' it acts as`,
        fix: 'write `- token: <random text>` and `user: <a configured user>`',
      });
      return;
    }
    tokens.push({ token: o['token'] as string, user: o['user'] as string });
  });
  return tokens;
}

function getPath(obj: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
