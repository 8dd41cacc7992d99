/**
 * Dynamic sink options: an option value holding `{{attr}}` placeholders (`topic='{{symbol}}'`,
 * `file.uri='/out/{{day}}.csv'`) is resolved per event, from the event's attribute values as Java prints them.
 */
import { javaValueToString } from '../../engine/functions/shared/java-format.js';
import type { Attribute } from '../../engine/app/app-context.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export type DynamicValue = (data: readonly unknown[]) => string;

/** True when the value holds a `{{...}}` placeholder. */
export function isDynamic(value: string): boolean {
  return /\{\{\s*[^{}\s]+\s*\}\}/.test(value);
}

/**
 * Compiles a dynamic value; throws an `Error` naming the unknown attribute when a placeholder names
 * none of the stream's attributes.
 */
export function compileDynamic(value: string, attributes: readonly Attribute[], streamId: string): DynamicValue {
  const literals: string[] = [];
  const indexes: number[] = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    const i = attributes.findIndex((a) => a.name === name);
    if (i < 0) {
      throw new Error(
        `'{{${name}}}' in option value '${value}' names no attribute of stream '${streamId}'; its attributes are ${attributes.map((a) => a.name).join(', ')}`,
      );
    }
    literals.push(value.slice(last, m.index));
    indexes.push(i);
    last = (m.index ?? 0) + m[0].length;
  }
  literals.push(value.slice(last));
  const types = indexes.map((i) => attributes[i]!.type);
  return (data) => {
    let out = literals[0]!;
    for (let k = 0; k < indexes.length; k++) out += javaValueToString(data[indexes[k]!], types[k]) + literals[k + 1]!;
    return out;
  };
}
