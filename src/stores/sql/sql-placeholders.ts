/**
 * The `?` placeholders of an SQL text as JDBC finds them: outside string literals, quoted identifiers and
 * comments. PostgreSQL takes `$1`, `$2`, ... in their place; for MariaDB/MySQL the values are written into
 * the text as literals (what MySQL Connector/J does with client-side prepared statements). PostgreSQL's
 * `??` stands for a literal `?` (PgJDBC's escape for the jsonb operators).
 */
import type { SqlDialectName } from './rdbms-target.js';

export interface Placeholders {
  /** Offsets of the placeholders, in order. */
  readonly marks: readonly number[];
  /** Offsets of PostgreSQL's `??` escapes (each stands for one `?`). */
  readonly escapes: readonly number[];
}

/** Where a quoted run that starts at `i` (with the quote `q`) ends: the offset after its closing quote. */
function endOfQuoted(sql: string, i: number, q: string, backslashes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j]!;
    if (backslashes && c === '\\') {
      j += 2;
      continue;
    }
    if (c === q) {
      if (sql[j + 1] === q) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** The end of a PostgreSQL block comment starting at `i` (they nest). */
function endOfBlockComment(sql: string, i: number, nests: boolean): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth = nests ? depth + 1 : 1;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return sql.length;
}

const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;

/** Finds the placeholders of `sql` for a dialect (SQLite binds `?` itself and needs none of this). */
export function placeholders(sql: string, dialect: Exclude<SqlDialectName, 'sqlite'>): Placeholders {
  const pg = dialect === 'postgresql';
  const marks: number[] = [];
  const escapes: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'") {
      // PostgreSQL reads backslash escapes only in E'...' strings; MySQL in every string.
      const prefix = sql[i - 1];
      const escaped = !pg || ((prefix === 'E' || prefix === 'e') && !/[\w$]/.test(sql[i - 2] ?? ''));
      i = endOfQuoted(sql, i, "'", escaped);
    } else if (c === '"') {
      i = endOfQuoted(sql, i, '"', !pg);
    } else if (c === '`' && !pg) {
      i = endOfQuoted(sql, i, '`', false);
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '#' && !pg) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = endOfBlockComment(sql, i, pg);
    } else if (c === '$' && pg && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else {
        i++;
      }
    } else if (c === '?') {
      if (pg && sql[i + 1] === '?') {
        escapes.push(i);
        i += 2;
      } else {
        marks.push(i);
        i++;
      }
    } else {
      i++;
    }
  }
  return { marks, escapes };
}

/** The text with each placeholder replaced by `replace(n)` (n from 0) and each `??` escape by `?`. */
export function replacePlaceholders(sql: string, found: Placeholders, replace: (n: number) => string): string {
  const at = [
    ...found.marks.map((offset, n) => ({ offset, length: 1, text: () => replace(n) })),
    ...found.escapes.map((offset) => ({ offset, length: 2, text: () => '?' })),
  ].sort((a, b) => a.offset - b.offset);
  let out = '';
  let from = 0;
  for (const p of at) {
    out += sql.slice(from, p.offset) + p.text();
    from = p.offset + p.length;
  }
  return out + sql.slice(from);
}

/** PostgreSQL's form of a JDBC-style text: `$1`, `$2`, ... for the placeholders. */
export function toPostgresParameters(sql: string): { readonly text: string; readonly count: number } {
  const found = placeholders(sql, 'postgresql');
  return { text: replacePlaceholders(sql, found, (n) => `$${n + 1}`), count: found.marks.length };
}
