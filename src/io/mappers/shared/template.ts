/**
 * `@payload` templates, as Siddhi's `TemplateBuilder`: `{{attr}}` is replaced by the attribute's Java text
 * (`55.6`, `75.0`, `null`); a template that is exactly an attribute name (trimmed) is an "object message"
 * and yields the attribute's value itself. An unknown `{{name}}` is an app creation error.
 */
import { javaValueToString } from '../../../engine/functions/shared/java-format.js';
import { MapperConfigError, type MapperAttribute } from '../mapper.js';

export interface Template {
  /** Index of the attribute for an object message, else undefined. */
  readonly objectIndex: number | undefined;
  /** The message for one event; `nullText` replaces null values (default "null"). */
  build(data: readonly unknown[], nullText?: string): unknown;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function compileTemplate(template: string, attributes: readonly MapperAttribute[], streamId: string): Template {
  const objectIndex = attributes.findIndex((a) => a.name === template.trim());
  if (objectIndex >= 0) return { objectIndex, build: (data) => data[objectIndex] };
  let text = template;
  if (/^`\S*`$/.test(text)) text = text.slice(1, -1);
  const literals: string[] = [];
  const positions: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    // Siddhi strips opening and closing punctuation from the name before looking it up.
    const name = (m[1] as string).replace(/[\p{Ps}\p{Pe}]/gu, '');
    const index = attributes.findIndex((a) => a.name === name);
    if (index < 0) throw new MapperConfigError(`Attribute : ${m[0]} does not exist in stream '${streamId}'.`);
    literals.push(text.slice(last, m.index));
    positions.push(index);
    last = (m.index ?? 0) + m[0].length;
  }
  literals.push(text.slice(last));
  return {
    objectIndex: undefined,
    build(data, nullText = 'null') {
      let out = literals[0] as string;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i] as number;
        const v = data[p];
        out += (v === null || v === undefined ? nullText : javaValueToString(v, attributes[p]?.type)) + literals[i + 1];
      }
      return out;
    },
  };
}

/** The single template of a mapper that takes one `@payload` and no object message (json, xml, text). */
export function singleTextTemplate(
  payload: { readonly template: string } | { readonly keyed: ReadonlyMap<string, string> } | undefined,
  attributes: readonly MapperAttribute[],
  streamId: string,
  mapType: string,
): Template | undefined {
  if (payload === undefined) return undefined;
  let text: string;
  if ('template' in payload) text = payload.template;
  else {
    if (payload.keyed.size !== 1) {
      throw new MapperConfigError(
        `${mapType} sink-mapper does not support multiple @payload mappings, error at the mapper of '${streamId}'`,
      );
    }
    text = [...payload.keyed.values()][0] as string;
  }
  const t = compileTemplate(text, attributes, streamId);
  if (t.objectIndex !== undefined) {
    throw new MapperConfigError(
      `${mapType} sink-mapper does not support object @payload mappings, error at the mapper of '${streamId}'`,
    );
  }
  return t;
}
