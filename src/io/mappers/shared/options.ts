/** Reading `@map` options the way Siddhi's `OptionHolder` and `Boolean.parseBoolean` do. */
export function boolOption(options: ReadonlyMap<string, string>, name: string, defaultValue: boolean): boolean {
  const v = options.get(name);
  return v === undefined ? defaultValue : v.toLowerCase() === 'true';
}

export function stringOption(options: ReadonlyMap<string, string>, name: string, defaultValue: string): string {
  return options.get(name) ?? defaultValue;
}

/** Bytes or text to text (UTF-8); undefined for anything else. */
export function payloadText(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return new TextDecoder('utf-8').decode(payload);
  return undefined;
}

/** A short name of a payload's type for error messages. */
export function typeName(payload: unknown): string {
  if (payload === null) return 'null';
  if (Array.isArray(payload)) return 'array';
  return typeof payload;
}
