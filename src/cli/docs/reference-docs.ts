/**
 * Generates the reference pages of `docs/reference/` from the extension registry: one page per
 * namespace (core, str, math, time, json, ...) and one per I/O kind, each entry with its parameters,
 * return type, options and examples, as the specs describe them.
 */
import type { ExtensionKind, ExtensionSpec } from '../../lang/catalog.js';

const KIND_TITLES: Record<ExtensionKind, string> = {
  function: 'Functions',
  aggregator: 'Aggregate functions',
  window: 'Windows',
  streamFunction: 'Stream functions',
  streamProcessor: 'Stream processors',
  source: 'Sources',
  sink: 'Sinks',
  sourceMapper: 'Source mappers',
  sinkMapper: 'Sink mappers',
  store: 'Stores',
};

const NAMESPACE_TITLES: Record<string, string> = {
  '': 'Core',
  str: 'String functions (`str:`)',
  math: 'Math functions (`math:`)',
  time: 'Time functions (`time:`)',
  json: 'JSON functions (`json:`)',
  file: 'File functions (`file:`)',
  streamingml: 'Streaming machine learning (`streamingml:`)',
};

/** What a namespace's page says under its title: what it holds and what of its Siddhi library it leaves out. */
const NAMESPACE_NOTES: Record<string, string> = {
  streamingml:
    'The perceptron classifier and the two k-means clusterers of siddhi-execution-streamingml, computed step for step as its Java code computes them, so the doubles match to the last digit. ' +
    'Out of scope: the Hoeffding tree classifier (`updateHoeffdingTree`, `hoeffdingTreeClassifier`), the AMRules regressor (`updateAMRulesRegressor`, `AMRulesRegressor`), CluStream and ClusTree clustering (`clusTree`), and the Bayesian regression (`updateBayesianRegression`, `bayesianRegression`; the library withdrew its Bayesian classification): they build on MOA and on a probabilistic programming library that have no JavaScript counterpart. An app that calls one of them fails at creation, as for any unknown extension.',
};

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function qualified(s: ExtensionSpec): string {
  return s.namespace ? `${s.namespace}:${s.name}` : s.name;
}

function callSyntax(s: ExtensionSpec): string[] {
  const sigs = s.signatures ?? [s.parameters.map((p) => p.name)];
  const prefix =
    s.kind === 'window' ? '#window.' : s.kind === 'streamFunction' || s.kind === 'streamProcessor' ? '#' : '';
  return sigs.map((sig) => {
    const args = sig.map((n) => {
      const p = s.parameters.find((x) => x.name === n);
      return p ? `<${p.type.join('|')}> ${n}${p.repeat ? ', ...' : ''}` : n;
    });
    return `${prefix}${qualified(s)}(${args.join(', ')})`;
  });
}

export function renderEntry(s: ExtensionSpec): string {
  const out: string[] = [`### ${qualified(s)}`, '', s.description, ''];
  if (
    s.kind !== 'source' &&
    s.kind !== 'sink' &&
    s.kind !== 'sourceMapper' &&
    s.kind !== 'sinkMapper' &&
    s.kind !== 'store'
  ) {
    out.push('```', ...callSyntax(s), '```', '');
  }
  if (s.parameters.length > 0) {
    out.push('| parameter | type | optional | default | description |', '| --- | --- | --- | --- | --- |');
    for (const p of s.parameters) {
      out.push(
        `| ${p.name} | ${p.type.join(', ')} | ${p.optional ? 'yes' : 'no'} | ${esc(p.defaultValue ?? '')} | ${esc(p.description)}${p.constantOnly ? ' (constant)' : ''} |`,
      );
    }
    out.push('');
  }
  if (s.options && s.options.length > 0) {
    out.push('| option | type | optional | default | description |', '| --- | --- | --- | --- | --- |');
    for (const o of s.options) {
      out.push(
        `| ${o.name} | ${o.type.join(', ')} | ${o.optional ? 'yes' : 'no'} | ${esc(o.defaultValue ?? '')} | ${esc(o.description)}${o.dynamic ? ' (dynamic)' : ''} |`,
      );
    }
    out.push('');
  }
  if (s.returns) out.push(`Returns: ${s.returns.type.join(' or ')}. ${s.returns.description}`, '');
  if (s.appendedAttributes && s.appendedAttributes.length > 0) {
    out.push(
      'Adds attributes: ' + s.appendedAttributes.map((a) => `\`${a.name}\` (${a.type}): ${a.description}`).join('; '),
      '',
    );
  } else if (s.appendedAttributesOf) {
    out.push('Adds attributes: the ones its arguments name (see the parameters).', '');
  }
  for (const ex of s.examples) out.push('```sql', ex.syntax, '```', ex.description, '');
  return out.join('\n');
}

/** Page file name → markdown, for every namespace and I/O kind in the specs. */
export function renderReference(specs: readonly ExtensionSpec[]): Map<string, string> {
  const pages = new Map<string, string>();
  const byPage = new Map<string, ExtensionSpec[]>();
  for (const s of specs) {
    const io = ['source', 'sink', 'sourceMapper', 'sinkMapper', 'store'].includes(s.kind);
    const page = io ? 'io' : s.namespace || 'core';
    const list = byPage.get(page) ?? [];
    list.push(s);
    byPage.set(page, list);
  }
  for (const [page, list] of [...byPage].sort()) {
    const title =
      page === 'io'
        ? 'Sources, sinks, mappers and stores'
        : (NAMESPACE_TITLES[page === 'core' ? '' : page] ?? `\`${page}:\` extensions`);
    const lines = [
      `# ${title}`,
      '',
      '<!-- Generated from the extension registry by `npm run docs`: do not edit by hand. -->',
      '',
    ];
    const note = NAMESPACE_NOTES[page];
    if (note !== undefined) lines.push(note, '');
    const kinds = [...new Set(list.map((s) => s.kind))];
    for (const k of kinds) {
      lines.push(`## ${KIND_TITLES[k]}`, '');
      for (const s of list.filter((x) => x.kind === k).sort((a, b) => a.name.localeCompare(b.name)))
        lines.push(renderEntry(s));
    }
    pages.set(
      `${page}.md`,
      lines
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd() + '\n',
    );
  }
  const index = [
    '# Extension reference',
    '',
    '<!-- Generated from the extension registry by `npm run docs`: do not edit by hand. -->',
    '',
  ];
  for (const name of pages.keys()) index.push(`- [${name.replace('.md', '')}](${name})`);
  pages.set('README.md', index.join('\n') + '\n');
  return pages;
}
