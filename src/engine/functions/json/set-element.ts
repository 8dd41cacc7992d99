import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES, STRING_OR_OBJECT } from '../shared/types.js';
import { documentOf, jsonErrors, matchesOf, parseLenient, readPath, toPlain } from './json-support.js';

const error = jsonErrors('SetElementJSONFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'json',
  name: 'setElement',
  description:
    'Changes a JSON document at a JSONPath and gives the changed document. When the path selects an array (or several ' +
    'nodes), the element is appended to each; otherwise, with a key, the element is put under that key in the selected ' +
    'object, and without one it replaces the selected value. A text element holding a JSON object or array is inserted ' +
    'parsed. A path that selects nothing, or a change that cannot be made, leaves the document as it was.',
  parameters: [
    { name: 'json', type: STRING_OR_OBJECT, description: 'The JSON document, as text or as an object.' },
    { name: 'path', type: ['string'], description: 'The JSONPath of the place to change.' },
    { name: 'json.element', type: ALL_TYPES, description: 'The value to set, append or put.' },
    { name: 'key', type: ['string'], optional: true, description: 'The key to put json.element under.' },
  ],
  returns: { type: ['object'], description: 'The changed document.' },
  examples: [
    {
      syntax: "json:setElement(json, '$', 'Peter', 'name')",
      description: 'For {"name": "John"} gives {"name": "Peter"}.',
    },
    {
      syntax: "json:setElement(json, '$.subjects', 'Biology')",
      description: 'For {"subjects": ["Mathematics"]} gives {"subjects": ["Mathematics", "Biology"]}.',
    },
  ],
} as const satisfies ExtensionSpec;

/** A text element holding a JSON object or array is inserted parsed; anything else as it is. */
function parsedElement(element: unknown): unknown {
  if (typeof element === 'string') {
    try {
      const parsed = parseLenient(element);
      if (parsed !== null && typeof parsed === 'object') return parsed;
    } catch {
      return element;
    }
  }
  return toPlain(element);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export const setElement: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (json, path, element, key) => {
    if (json === null || json === undefined || path === null || path === undefined) return null;
    const doc = documentOf(json, error);
    const p = String(path);
    const read = readPath(doc, p);
    const matches = read.found ? matchesOf(doc, p) : [];
    if (read.found && (read.list || Array.isArray(read.value))) {
      const targets = read.list ? (read.value as unknown[]) : [read.value];
      if (targets.every(Array.isArray)) for (const t of targets) (t as unknown[]).push(parsedElement(element));
      return doc;
    }
    if (!read.found) return doc;
    if (key !== undefined && key !== null) {
      if (matches.every((m) => isObject(m.value))) {
        for (const m of matches) (m.value as Record<string, unknown>)[String(key)] = parsedElement(element);
      }
      return doc;
    }
    for (const m of matches) {
      if (m.parent !== null && m.parentProperty !== null && typeof m.parent === 'object') {
        (m.parent as Record<string | number, unknown>)[m.parentProperty] = toPlain(element);
      }
    }
    return doc;
  },
};
