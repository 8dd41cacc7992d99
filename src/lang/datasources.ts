/**
 * Named database connections: WSO2 SI's `wso2.datasources` of deployment.yaml, Siddhi's
 * `SiddhiManager.setDataSource(name, dataSource)`. `@store(type='rdbms', datasource='NAME')`,
 * `@store(type='rdbms', jndi.resource='JNDI NAME')`, `@source(type='cdc', datasource.name='NAME')`
 * and `#rdbms:query('NAME', ...)` / `#rdbms:cud('NAME', ...)` connect through them.
 *
 * `resolveDataSources` rewrites an app's annotations so that the stores and the cdc source see the
 * connection as the options they read when it is written in the app (`jdbc.url` / `url`, `username`,
 * `password`, `jdbc.driver.name`). Which connection wins follows Siddhi: on `@store(type='rdbms')`,
 * `datasource` over `jndi.resource` over the options written (RDBMSEventTable.connect); on a cdc source,
 * `datasource.name` over `jndi.resource` over `url`, in polling mode only (CDCSource.init; listening mode
 * rejects `datasource.name`). A name with no datasource is an error at the annotation.
 */
import type { Annotation, AnnotationElement, Definition, SiddhiApp, Span } from './ast.js';
import { diagnosticAt, type Diagnostic } from './errors.js';

/** One named connection. */
export interface DataSourceConfig {
  /** A JDBC URL: `jdbc:sqlite:FILE`, `jdbc:postgresql://host[:port]/db`, `jdbc:mysql://...`, `jdbc:mariadb://...`. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** The JDBC driver class (`driverClassName`): names the database kind when the URL does not. */
  readonly driver?: string;
  /** The JNDI name (`jndiConfig.name`) that `@store(jndi.resource=...)` looks the connection up by. */
  readonly jndiName?: string;
}

/** Datasource name to its connection. */
export type DataSources = Readonly<Record<string, DataSourceConfig>>;

/**
 * Extension system parameters (Siddhi's `siddhi.extensions` of deployment.yaml), by `namespace:name`
 * (e.g. `rdbms:cud` -> `{ 'perform.CUD.operations': 'true' }`).
 */
export type ExtensionProperties = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Where a missing datasource can be given, for error messages. */
const HOW_TO_GIVE =
  "pass it in the SiddhiManager's datasources (or setDataSource), or under datasources: or wso2.datasources: " +
  'in the config file given by --config to tributary run, validate and serve';

/** The JNDI prefix a Carbon JNDI lookup may be written with (`java:comp/env/jdbc/X` finds `jdbc/X`). */
const JNDI_ENV_PREFIX = 'java:comp/env/';

/** The database kinds of JDBC URLs (`jdbc:KIND:...`) each user of a datasource reaches. */
const STORE_KINDS = new Set(['sqlite', 'postgresql', 'postgres', 'mysql', 'mariadb']);
const CDC_KINDS = new Set(['postgresql', 'postgres', 'mysql', 'mariadb']);

/** The options of a `@store(type='rdbms')` a datasource's connection replaces. */
const STORE_CONNECTION = [
  'datasource',
  'jndi.resource',
  'jdbc.url',
  'username',
  'password',
  'jdbc.driver.name',
  // Tributary's native connection options
  'file',
  'dialect',
  'host',
  'port',
  'database',
  'user',
];

/** The options of a polling `@source(type='cdc')` a datasource's connection replaces. */
const CDC_CONNECTION = ['datasource.name', 'jndi.resource', 'url', 'username', 'password', 'jdbc.driver.name'];

/** The names a datasource is written with in an annotation, and the options its connection becomes. */
interface Use {
  /** `@store(type='rdbms', datasource='X')`, for messages. */
  readonly written: string;
  readonly element: AnnotationElement;
  readonly config: DataSourceConfig | undefined;
  /** What the config's connection is given as. */
  readonly urlKey: string;
  readonly replaces: readonly string[];
  readonly kinds: ReadonlySet<string>;
  readonly what: string;
}

const elementOf = (a: Annotation, key: string): AnnotationElement | undefined =>
  a.elements.find((e) => e.key?.toLowerCase() === key);

const typeOf = (a: Annotation): string => elementOf(a, 'type')?.value.trim().toLowerCase() ?? '';

function byJndiName(datasources: DataSources, jndi: string): DataSourceConfig | undefined {
  const wanted = jndi.startsWith(JNDI_ENV_PREFIX) ? jndi.slice(JNDI_ENV_PREFIX.length) : jndi;
  return Object.values(datasources).find((d) => d.jndiName !== undefined && d.jndiName.trim() === wanted);
}

function byName(datasources: DataSources, name: string): DataSourceConfig | undefined {
  return Object.hasOwn(datasources, name) ? datasources[name] : undefined;
}

/** The connection elements of a config, in the order the stores document them. */
function connection(use: Use, config: DataSourceConfig, span: Span): AnnotationElement[] {
  const out: AnnotationElement[] = [{ key: use.urlKey, value: config.url, span }];
  if (config.username !== undefined) out.push({ key: 'username', value: config.username, span });
  if (config.password !== undefined) out.push({ key: 'password', value: config.password, span });
  if (config.driver !== undefined) out.push({ key: 'jdbc.driver.name', value: config.driver, span });
  return out;
}

/** `jdbc:KIND:...` -> `KIND` (lower case), or undefined for a URL that is not JDBC. */
function jdbcKind(url: string): string | undefined {
  return /^jdbc:([a-z0-9]+):/i.exec(url.trim())?.[1]?.toLowerCase();
}

export function resolveDataSources(
  app: SiddhiApp,
  datasources: DataSources,
): { app: SiddhiApp; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const names = Object.keys(datasources);
  const jndiNames = Object.values(datasources).flatMap((d) => (d.jndiName !== undefined ? [d.jndiName] : []));

  const missing = (a: Annotation, use: Use, byJndi: boolean): void => {
    const known = byJndi ? jndiNames : names;
    const which = byJndi ? 'JNDI names' : 'datasources';
    diagnostics.push(
      diagnosticAt(
        a.span,
        `${use.written} names no ${byJndi ? 'datasource with that JNDI name' : 'datasource'}: ` +
          (known.length > 0 ? `known ${which} are ${known.join(', ')}; ` : `no datasources are configured; `) +
          (byJndi
            ? `give the datasource jndiName: '${use.element.value.trim()}' (jndiConfig: { name: ... } in wso2.datasources); `
            : '') +
          HOW_TO_GIVE,
      ),
    );
  };

  /** The annotation with the datasource's connection in place of the connection options written. */
  const apply = (a: Annotation, use: Use, byJndi: boolean): Annotation => {
    const config = use.config;
    if (config === undefined) {
      missing(a, use, byJndi);
      return a;
    }
    const kind = jdbcKind(config.url);
    if (kind === undefined || !use.kinds.has(kind)) {
      // Only the URL's scheme: the rest of it may carry credentials.
      diagnostics.push(
        diagnosticAt(
          a.span,
          `${use.written}: the datasource's url is ${kind === undefined ? 'not a JDBC URL' : `a jdbc:${kind} database`}, ` +
            `which ${use.what} cannot reach; give it a ${[...use.kinds].map((k) => `jdbc:${k}:`).join(', ')} URL`,
        ),
      );
      return a;
    }
    const own = a.elements.filter((e) => !use.replaces.includes(e.key?.toLowerCase() ?? ''));
    return { ...a, elements: [...connection(use, config, use.element.span), ...own] };
  };

  const store = (a: Annotation): Annotation => {
    const ds = elementOf(a, 'datasource');
    const jndi = elementOf(a, 'jndi.resource');
    const common = { urlKey: 'jdbc.url', replaces: STORE_CONNECTION, kinds: STORE_KINDS, what: "@store(type='rdbms')" };
    if (ds !== undefined) {
      const name = ds.value.trim();
      const use = { ...common, written: `@${a.name}(type='rdbms', datasource='${name}')`, element: ds };
      return apply(a, { ...use, config: byName(datasources, name) }, false);
    }
    if (jndi !== undefined) {
      const name = jndi.value.trim();
      const use = { ...common, written: `@${a.name}(type='rdbms', jndi.resource='${name}')`, element: jndi };
      return apply(a, { ...use, config: byJndiName(datasources, name) }, true);
    }
    return a;
  };

  const cdc = (a: Annotation): Annotation => {
    const ds = elementOf(a, 'datasource.name');
    const jndi = elementOf(a, 'jndi.resource');
    if (ds === undefined && jndi === undefined) return a;
    const mode = elementOf(a, 'mode')?.value.trim().toLowerCase() ?? 'listening';
    if (mode !== 'polling') {
      // siddhi-io-cdc rejects datasource.name in listening mode, and reads no jndi.resource there.
      if (ds !== undefined) {
        diagnostics.push(
          diagnosticAt(
            a.span,
            `@${a.name}(type='cdc', datasource.name='${ds.value.trim()}'): datasource.name is only for mode='polling' ` +
              `(as in siddhi-io-cdc); listening mode reads the change log over its own connection: ` +
              `give url, username and password, or set mode='polling'`,
          ),
        );
      }
      return a;
    }
    const common = { urlKey: 'url', replaces: CDC_CONNECTION, kinds: CDC_KINDS, what: "@source(type='cdc')" };
    if (ds !== undefined) {
      const name = ds.value.trim();
      const use = { ...common, written: `@${a.name}(type='cdc', datasource.name='${name}')`, element: ds };
      return apply(a, { ...use, config: byName(datasources, name) }, false);
    }
    const name = jndi!.value.trim();
    const use = { ...common, written: `@${a.name}(type='cdc', jndi.resource='${name}')`, element: jndi! };
    return apply(a, { ...use, config: byJndiName(datasources, name) }, true);
  };

  const resolve = (a: Annotation): Annotation => {
    const nested = a.annotations.map(resolve);
    const self = nested.every((n, i) => n === a.annotations[i]) ? a : { ...a, annotations: nested };
    const kind = a.name.toLowerCase();
    if (kind === 'store' && typeOf(a) === 'rdbms') return store(self);
    if (kind === 'source' && typeOf(a) === 'cdc') return cdc(self);
    return self;
  };
  const definitions = app.definitions.map((d): Definition => {
    const annotations = d.annotations.map(resolve);
    return annotations.every((x, i) => x === d.annotations[i]) ? d : { ...d, annotations };
  });
  return { app: { ...app, definitions }, diagnostics };
}
