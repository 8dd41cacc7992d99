import type { AggregatorImpl, AggregatorState } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { STRING_OR_OBJECT } from '../shared/types.js';
import { jsonErrors, toPlain } from './json-support.js';

/** A key equal for equal JSON values, whatever the key order of their objects. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function make(name: 'group' | 'groupAsObject', javaClass: string, asObject: boolean): AggregatorImpl {
  const error = jsonErrors(javaClass);
  const base = {
    kind: 'aggregator',
    namespace: 'json',
    name,
    description:
      `Collects the JSON objects of the events in the window (or since the last reset) into a JSON array, ` +
      `in order of first arrival, optionally without duplicates and optionally wrapped in an object under an enclosing key; ` +
      (asObject ? 'gives the array (or object) as an object.' : 'gives it as JSON text.'),
    parameters: [
      { name: 'json', type: STRING_OR_OBJECT, description: 'A JSON object, as text or as an object.' },
      { name: 'enclosing.element', type: ['string'], optional: true, description: 'The key to wrap the array in.' },
      {
        name: 'distinct',
        type: ['bool'],
        optional: true,
        defaultValue: 'false',
        description: 'true to keep each object once.',
      },
    ],
    signatures: [
      ['json'],
      ['json', 'enclosing.element'],
      ['json', 'distinct'],
      ['json', 'enclosing.element', 'distinct'],
    ],
    returns: {
      type: [asObject ? 'object' : 'string'],
      description: asObject
        ? 'The array, or the wrapping object.'
        : 'The JSON text of the array, or of the wrapping object.',
    },
    examples: [
      {
        syntax: `from s#window.length(5) select json:${name}(json, 'result', true) as groupedJSON`,
        description:
          'With {"date":"2013-11-19","time":"10:30"} twice in the window, gives {"result":[{"date":"2013-11-19","time":"10:30"}]}.',
      },
    ],
  } as const satisfies ExtensionSpec;
  const objectOf = (json: unknown): unknown => {
    if (json === null || json === undefined) return null;
    if (typeof json === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (e) {
        throw error(`Cannot parse the given string '${json}' as a JSON object`, e);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw error(`The given string '${json}' is not a JSON object`);
      }
      return parsed;
    }
    return toPlain(json);
  };
  return {
    spec: { ...base, validate: validateWith(base) },
    create: () => {
      return (): AggregatorState => {
        let entries = new Map<string, { value: unknown; count: number }>();
        let enclosing: string | undefined;
        let distinct = false;
        const options = (args: readonly unknown[]): void => {
          if (args.length >= 3) {
            enclosing = String(args[1]);
            distinct = String(args[2]).toLowerCase() === 'true';
          } else if (args.length === 2) {
            if (typeof args[1] === 'boolean') distinct = args[1];
            else enclosing = String(args[1]);
          }
        };
        const result = (): unknown => {
          const array: unknown[] = [];
          for (const { value, count } of entries.values()) {
            for (let i = 0; i < (distinct ? 1 : count); i++) array.push(value);
          }
          const out = enclosing === undefined ? array : { [enclosing]: array };
          return asObject ? out : JSON.stringify(out);
        };
        return {
          add(...args) {
            options(args);
            const value = objectOf(args[0]);
            const key = canonical(value);
            const entry = entries.get(key);
            if (entry === undefined) entries.set(key, { value, count: 1 });
            else entry.count++;
            return result();
          },
          remove(...args) {
            options(args);
            const key = canonical(objectOf(args[0]));
            const entry = entries.get(key);
            if (entry !== undefined) {
              if (entry.count <= 1) entries.delete(key);
              else entry.count--;
            }
            return result();
          },
          reset() {
            entries.clear();
            return null;
          },
          value: () => result(),
          snapshot: () => ({ entries: [...entries.entries()], enclosing, distinct }),
          restore(state) {
            const s = state as {
              entries: [string, { value: unknown; count: number }][];
              enclosing?: string;
              distinct: boolean;
            };
            entries = new Map(s.entries.map(([k, v]) => [k, { ...v }]));
            enclosing = s.enclosing;
            distinct = s.distinct;
          },
        };
      };
    },
  };
}

export const group = make('group', 'GroupAggregatorFunctionExtension', false);
export const groupAsObject = make('groupAsObject', 'GroupAsObjectAggregatorFunctionExtension', true);
