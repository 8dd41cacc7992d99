/**
 * Extensions' system parameters of the server config (Siddhi's `siddhi.extensions` of WSO2 SI's
 * deployment.yaml), by `namespace:name`. Two shapes, which may be combined:
 *
 * ```yaml
 * extensionProperties:        # a map: namespace:name -> properties
 *   rdbms:cud: { perform.CUD.operations: true }
 * siddhi:                     # WSO2 SI's deployment.yaml, as it is
 *   extensions:
 *     - extension:
 *         name: cud
 *         namespace: rdbms
 *         properties:
 *           perform.CUD.operations: true
 * ```
 *
 * Values are kept as text (`true` becomes 'true'), as Siddhi's config reader gives them.
 */
import type { ExtensionProperties } from '../../lang/datasources.js';
import type { ConfigProblem } from './config-error.js';

type Where = (path: readonly string[]) => string;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readExtensionProperties(
  map: unknown,
  list: unknown,
  where: Where,
  problems: ConfigProblem[],
): ExtensionProperties | undefined {
  if ((map === undefined || map === null) && (list === undefined || list === null)) return undefined;
  const out: Record<string, Record<string, string>> = {};

  const add = (key: string, properties: unknown, path: readonly string[]): void => {
    if (properties !== undefined && properties !== null && !isObject(properties)) {
      problems.push({
        where: where(path),
        message: `the properties of extension '${key}' must be a map of names to values`,
        fix: 'write `{ property: value, ... }`',
      });
      return;
    }
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties ?? {})) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        problems.push({
          where: where([...path, k]),
          message: `property '${k}' of extension '${key}' must be a single value, got ${Array.isArray(v) ? 'a list' : 'a map'}`,
          fix: 'give it as text',
        });
        return;
      }
      values[k] = String(v);
    }
    if (Object.hasOwn(out, key)) {
      problems.push({
        where: where(path),
        message: `extension '${key}' is configured twice`,
        fix: 'keep one of them (extensionProperties: and siddhi.extensions share one set of names)',
      });
      return;
    }
    out[key] = values;
  };

  if (map !== undefined && map !== null) {
    if (!isObject(map)) {
      problems.push({
        where: where(['extensionProperties']),
        message: 'extensionProperties must be a map of `namespace:name` to properties',
        fix: "write `extensionProperties:` then `'rdbms:cud': { perform.CUD.operations: true }` lines",
      });
    } else {
      for (const [key, properties] of Object.entries(map)) add(key, properties, ['extensionProperties', key]);
    }
  }

  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) {
      problems.push({
        where: where(['siddhi', 'extensions']),
        message: 'siddhi.extensions must be a list of `extension:` entries',
        fix: 'write `- extension: { name: cud, namespace: rdbms, properties: { ... } }`',
      });
    } else {
      list.forEach((item: unknown, i) => {
        const path = ['siddhi', 'extensions', String(i)];
        const e = isObject(item) ? item['extension'] : undefined;
        const extra = isObject(e) ? Object.keys(e).filter((k) => !['name', 'namespace', 'properties'].includes(k)) : [];
        if (!isObject(e) || typeof e['name'] !== 'string' || e['name'].trim() === '' || extra.length > 0) {
          problems.push({
            where: where(isObject(e) ? [...path, 'extension'] : path),
            message:
              extra.length > 0
                ? `unknown key(s) ${extra.join(', ')} in an extension`
                : 'each entry of siddhi.extensions is an `extension:` with name, namespace and properties',
            fix: 'write `- extension: { name: cud, namespace: rdbms, properties: { ... } }`',
          });
          return;
        }
        const namespace = e['namespace'];
        if (namespace !== undefined && namespace !== null && typeof namespace !== 'string') {
          problems.push({
            where: where([...path, 'extension', 'namespace']),
            message: 'an extension namespace must be text',
            fix: 'write e.g. `namespace: rdbms`',
          });
          return;
        }
        const name = e['name'].trim();
        const key = typeof namespace === 'string' && namespace.trim() !== '' ? `${namespace.trim()}:${name}` : name;
        add(key, e['properties'], [...path, 'extension', 'properties']);
      });
    }
  }
  return out;
}
