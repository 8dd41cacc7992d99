/**
 * What every `file:` function shares: turning a path argument (a plain path or a `file:` URI) into an
 * absolute local path, the Java regular expressions that filter file names (matched from the start of the
 * name, as Java's `Matcher.lookingAt`), and the errors, named after Siddhi's classes for fault streams.
 */
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { AttributeType } from '../../../../lang/ast.js';
import { errorsFor, type ExtensionRuntimeError } from '../../../../engine/functions/shared/errors.js';
import { translateJavaRegex } from '../../../../engine/functions/shared/java-regex.js';
import { pathOf } from '../file-path.js';

export type FileError = (message: string, cause?: unknown) => ExtensionRuntimeError;

/** Errors of one function, carrying the Java class of siddhi-io-file's implementation. */
export function fileErrors(javaClass: string): FileError {
  return errorsFor(`io.siddhi.extension.execution.file.${javaClass}`);
}

/** The text of a caught file-system error. */
export function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):/;

/**
 * The absolute local path of a path argument. `file:/x`, `file:///x` and `file://x` (the host read as the
 * first folder, as commons-vfs does) all name `/x`; a relative path is taken from the working directory.
 * Other schemes (sftp, ftp) are refused: Tributary reaches only the local file system.
 */
export function localPath(value: unknown, fn: string, param: string, error: FileError): string {
  if (typeof value !== 'string' || value === '') {
    throw error(`Invalid input given to file:${fn}(): ${param} must be a path, found ${value === '' ? "''" : 'null'}`);
  }
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme !== undefined && scheme.toLowerCase() !== 'file') {
    throw error(`file:${fn}() reaches only the local file system; '${scheme}:' is not supported in ${value}`);
  }
  let path: string;
  try {
    path = pathOf(value.replace(/^file:/i, 'file:'));
  } catch {
    path = '/' + value.replace(/^file:\/*/i, '');
  }
  return resolve(path);
}

/** The stats of a path (links followed), or undefined when nothing is there. */
export function statOf(path: string, error: FileError): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw error(`Cannot read the type of ${path}: ${reason(e)}`, e);
  }
}

/** A test of file names: true when the Java regex matches at the start of the name (`Matcher.lookingAt`). */
export type NameFilter = (name: string) => boolean;

const filters = new Map<string, NameFilter>();

/** The filter of a Java regex; throws SyntaxError when it does not compile. */
export function nameFilter(regex: string): NameFilter {
  let f = filters.get(regex);
  if (f === undefined) {
    const t = translateJavaRegex(regex);
    const re = new RegExp(t.source, `${t.flags}y`);
    f = (name) => {
      re.lastIndex = 0;
      return re.test(name);
    };
    if (filters.size > 1000) filters.clear();
    filters.set(regex, f);
  }
  return f;
}

/** A creation-time check that a constant regex argument compiles, as Siddhi compiles it when the app is built. */
export function regexConstantCheck(index: number, fn: string) {
  return (_argTypes: readonly AttributeType[], constants: readonly unknown[]): string | undefined => {
    const c = constants[index];
    if (typeof c !== 'string') return undefined;
    try {
      nameFilter(c);
      return undefined;
    } catch (e) {
      return `Syntax error in the include.by.regexp of file:${fn}: ${reason(e)}`;
    }
  };
}

/** The filter of a regex argument (an absent one matches every name); a bad one is a runtime error. */
export function filterOf(regex: unknown, fn: string, error: FileError): NameFilter {
  if (regex === undefined) return nameFilter('');
  if (typeof regex !== 'string') throw error(`Invalid input given to file:${fn}(): include.by.regexp cannot be null`);
  try {
    return nameFilter(regex);
  } catch (e) {
    throw error(`Syntax error in the include.by.regexp '${regex}' of file:${fn}(): ${reason(e)}`, e);
  }
}

/** A bool argument; absent means `fallback`, null is an error (Siddhi unboxes it). */
export function flagOf(value: unknown, fallback: boolean, fn: string, param: string, error: FileError): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw error(`Invalid input given to file:${fn}(): ${param} cannot be null`);
  return value;
}
