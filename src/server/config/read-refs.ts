/**
 * `refs:` of the server config: named source, sink, destination and store configurations that apps
 * name with `@sink(ref='name', ...)` (Siddhi's `refs` of WSO2 SI's deployment.yaml). Two shapes:
 *
 * ```yaml
 * refs:                       # a map: name -> type and options
 *   orders: { type: kafka, topic: orders, bootstrap.servers: 'localhost:9092' }
 * refs:                       # WSO2 SI's list, as deployment.yaml writes it (there under siddhi:)
 *   - ref:
 *       name: orders
 *       type: kafka
 *       properties: { topic: orders, bootstrap.servers: 'localhost:9092' }
 * ```
 */
import type { IoRefs } from '../../lang/io-refs.js';
import type { ConfigProblem } from './config-error.js';

type Where = (path: readonly string[]) => string;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The refs of the config file's `refs` value (undefined when absent); problems are added to `problems`.
 * `base` is where the value is in the file: `refs`, or `siddhi.refs` as deployment.yaml nests it.
 */
export function readRefs(
  value: unknown,
  where: Where,
  problems: ConfigProblem[],
  base: readonly string[] = ['refs'],
): IoRefs | undefined {
  if (value === undefined || value === null) return undefined;
  const refs: Record<string, Record<string, string>> = {};
  const add = (name: unknown, elements: unknown, path: readonly string[]): void => {
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push({ where: where(path), message: 'a ref has no name', fix: 'give it `name: <ref name>`' });
      return;
    }
    const options = refOptions(elements, [...path], where, problems);
    if (options === undefined) return;
    if (typeof options['type'] !== 'string' || options['type'] === '') {
      problems.push({
        where: where(path),
        message: `ref '${name}' has no type`,
        fix: "add `type: ...`, the source, sink or store type it configures (e.g. 'kafka', 'rdbms')",
      });
      return;
    }
    if (Object.hasOwn(refs, name)) {
      problems.push({ where: where(path), message: `ref '${name}' is defined twice`, fix: 'keep one of them' });
      return;
    }
    refs[name] = options;
  };
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      const path = [...base, String(i)];
      const ref = isObject(item) ? item['ref'] : undefined;
      if (!isObject(ref)) {
        problems.push({
          where: where(path),
          message: 'each entry of the refs list is a `ref:` with name, type and properties',
          fix: 'write `- ref: { name: ..., type: ..., properties: { ... } }`',
        });
        return;
      }
      const { name, type, properties, ...rest } = ref;
      const extra = Object.keys(rest);
      if (extra.length > 0) {
        problems.push({
          where: where([...path, 'ref']),
          message: `unknown key(s) ${extra.join(', ')} in a ref`,
          fix: 'a ref has name, type and properties (the options)',
        });
        return;
      }
      if (properties !== undefined && !isObject(properties)) {
        problems.push({
          where: where([...path, 'ref', 'properties']),
          message: 'properties must be a map of option names to values',
          fix: 'write `properties: { option: value, ... }`',
        });
        return;
      }
      add(name, { type, ...(properties ?? {}) }, [...path, 'ref']);
    });
    return refs;
  }
  if (!isObject(value)) {
    problems.push({
      where: where(base),
      message: `${base.join('.')} must be a map of names to configurations, or a list of \`ref:\` entries`,
      fix: 'write `refs:` then `name: { type: ..., option: value }` lines',
    });
    return undefined;
  }
  for (const [name, elements] of Object.entries(value)) add(name, elements, [...base, name]);
  return refs;
}

/** A ref's options as text, as annotation elements are; numbers and bools are written out. */
function refOptions(
  elements: unknown,
  path: readonly string[],
  where: Where,
  problems: ConfigProblem[],
): Record<string, string> | undefined {
  if (!isObject(elements)) {
    problems.push({
      where: where(path),
      message: 'a ref is a map of its type and options',
      fix: 'write `{ type: ..., option: value, ... }`',
    });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(elements)) {
    if (v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      problems.push({
        where: where([...path, k]),
        message: `option '${k}' must be a single value, got ${Array.isArray(v) ? 'a list' : 'a map'}`,
        fix: 'give it as text',
      });
      return undefined;
    }
    out[k] = String(v);
  }
  return out;
}
