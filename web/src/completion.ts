/** Autocomplete of SiddhiQL keywords and types and of the registry's extensions (`ns:name`, with their parameters). */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { CatalogEntry } from './api-client.js';
import { KEYWORDS, TYPES } from './siddhi-language.js';

const KIND_TYPE: Record<string, string> = {
  function: 'function',
  aggregator: 'function',
  streamFunction: 'method',
  streamProcessor: 'method',
  window: 'class',
  source: 'interface',
  sink: 'interface',
  sourceMapper: 'interface',
  sinkMapper: 'interface',
  store: 'interface',
};

function signature(e: CatalogEntry): string {
  const list = e.kind === 'source' || e.kind === 'sink' || e.kind.endsWith('Mapper') || e.kind === 'store';
  if (list) return `${e.kind} type='${e.name}'`;
  const params = e.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
  return `${e.kind}(${params})${e.returns.length ? ` -> ${e.returns.join('|')}` : ''}`;
}

export function completionOptions(extensions: readonly CatalogEntry[]): Completion[] {
  const out: Completion[] = [
    ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
    ...TYPES.map((t) => ({ label: t, type: 'type' })),
  ];
  const seen = new Set<string>();
  for (const e of extensions) {
    const label = e.namespace ? `${e.namespace}:${e.name}` : e.name;
    const key = `${label}|${signature(e)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label, type: KIND_TYPE[e.kind] ?? 'text', detail: signature(e), info: e.description });
  }
  return out;
}

/** Completes the word (letters, digits, `_` and `:`) before the cursor. */
export function siddhiCompletions(options: () => readonly Completion[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\w:]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options: [...options()], validFor: /^[\w:]*$/ };
  };
}
