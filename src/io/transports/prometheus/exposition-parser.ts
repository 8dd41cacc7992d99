/**
 * A reader of the Prometheus text exposition format (version 0.0.4): `# HELP` and `# TYPE` lines and samples
 * `name{label="value",...} value [timestamp]`, grouped into metric families. No parser of this format ships
 * in the project's dependencies (prom-client only writes it), hence this small one.
 */

export interface ExpositionSample {
  /** The sample's own name: the family name, or it with `_bucket`, `_count` or `_sum`. */
  readonly name: string;
  /** Labels in the order they appear. */
  readonly labels: readonly (readonly [string, string])[];
  readonly value: number;
}

export interface ExpositionFamily {
  readonly name: string;
  /** 'counter', 'gauge', 'histogram', 'summary' or 'untyped' (as written, lower-cased). */
  readonly type: string;
  /** The `# HELP` text (unescaped), '' when there is none. */
  help: string;
  readonly samples: ExpositionSample[];
}

/** Suffixes of the samples a family of each type has besides the bare name. */
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_count', '_sum'],
  summary: ['_count', '_sum'],
};

/** Parses the value text of a sample (Go float syntax: `+Inf`, `-Inf`, `NaN` besides decimal numbers). */
export function parseSampleValue(text: string): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
  }
  const n = text.trim() === '' ? NaN : Number(text);
  if (Number.isNaN(n)) throw new Error(`'${text}' is not a sample value`);
  return n;
}

function unescape(text: string, quote: boolean): string {
  return text.replace(quote ? /\\(["\\n])/g : /\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses `{a="x",b="y",}` starting at `at` (the `{`); returns the labels and the index after `}`. */
function parseLabels(line: string, at: number): { labels: [string, string][]; end: number } {
  const labels: [string, string][] = [];
  let i = at + 1;
  const fail = (what: string): never => {
    throw new Error(`${what} at column ${i + 1} of '${line}'`);
  };
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, end: i + 1 };
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i))?.[0];
    if (name === undefined) fail('a label name expected');
    i += name!.length;
    while (line[i] === ' ') i++;
    if (line[i] !== '=') fail("'=' expected");
    i++;
    while (line[i] === ' ') i++;
    if (line[i] !== '"') fail('a quoted label value expected');
    let j = i + 1;
    let raw = '';
    while (j < line.length && line[j] !== '"') {
      if (line[j] === '\\') {
        raw += line.slice(j, j + 2);
        j += 2;
      } else raw += line[j++];
    }
    if (j >= line.length) fail('an unterminated label value');
    labels.push([name!, unescape(raw, true)]);
    i = j + 1;
  }
}

function parseSample(line: string): ExpositionSample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) throw new Error(`'${line}' is not a sample`);
  let i = name.length;
  while (line[i] === ' ') i++;
  let labels: [string, string][] = [];
  if (line[i] === '{') {
    const parsed = parseLabels(line, i);
    labels = parsed.labels;
    i = parsed.end;
  }
  const rest = line.slice(i).trim().split(/\s+/);
  return { name, labels, value: parseSampleValue(rest[0] ?? '') };
}

/**
 * The metric families of an exposition text, by name, in order of their `# TYPE` lines. Samples of a name
 * without a `# TYPE` line form an 'untyped' family. Malformed sample lines are reported through `onError`
 * and skipped.
 */
export function parseExposition(text: string, onError: (message: string) => void): Map<string, ExpositionFamily> {
  const families = new Map<string, ExpositionFamily>();
  const helps = new Map<string, string>();
  const familyOf = (sampleName: string): ExpositionFamily => {
    const own = families.get(sampleName);
    if (own) return own;
    for (const [type, suffixes] of Object.entries(SUFFIXES)) {
      for (const s of suffixes) {
        if (!sampleName.endsWith(s)) continue;
        const f = families.get(sampleName.slice(0, -s.length));
        if (f?.type === type) return f;
      }
    }
    const f: ExpositionFamily = { name: sampleName, type: 'untyped', help: helps.get(sampleName) ?? '', samples: [] };
    families.set(sampleName, f);
    return f;
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s+(.*))?$/.exec(line);
      if (!m) continue; // a plain comment
      const [, kind, name, rest = ''] = m as unknown as [string, string, string, string | undefined];
      if (kind === 'HELP') {
        const help = unescape(rest, false);
        helps.set(name, help);
        const f = families.get(name);
        if (f) f.help = help;
      } else if (!families.has(name)) {
        families.set(name, { name, type: rest.trim().toLowerCase(), help: helps.get(name) ?? '', samples: [] });
      }
      continue;
    }
    let sample: ExpositionSample;
    try {
      sample = parseSample(line);
    } catch (e) {
      onError((e as Error).message);
      continue;
    }
    familyOf(sample.name).samples.push(sample);
  }
  return families;
}
