/**
 * The chevrotain values the parser uses, from the package's single-file ESM bundle (`lib/chevrotain.mjs`,
 * published in the package) instead of its entry point (`lib/src/api.js`), which imports ~640 lodash-es
 * modules: on Node the bundle loads in ~20-70 ms, the entry point in ~330-420 ms. Both are the same build
 * of the same version. Where the bundle cannot be located (no `import.meta.resolve`, a bundler, a browser
 * without an import map) the entry point is imported. Types still come from 'chevrotain' (`import type`).
 * Every parser module takes chevrotain's values from here, so there is one copy of its classes and tokens.
 */
import type * as Chevrotain from 'chevrotain';

async function load(): Promise<typeof Chevrotain> {
  try {
    const entry = import.meta.resolve('chevrotain');
    return (await import(new URL('../chevrotain.mjs', entry).href)) as typeof Chevrotain;
  } catch {
    return import('chevrotain');
  }
}

const chevrotain = await load();

export const { createToken, EmbeddedActionsParser, EOF, Lexer, tokenMatcher } = chevrotain;
