/**
 * What is under a directory, and what changed between two looks at it, in the order Apache Commons IO's
 * FileAlterationObserver (which siddhi-io-file's `fileeventlistener` uses) reports it: entries compared by
 * name; a changed entry before what changed inside it; a new directory before its contents; a deleted
 * directory after its contents. An entry changed when its kind, modification time or size (0 for a
 * directory) differs.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface TreeEntry {
  readonly path: string;
  readonly name: string;
  readonly dir: boolean;
  /** Modification time, in milliseconds (with the file system's fraction). */
  readonly mtime: number;
  readonly size: number;
  /** Sorted by name; empty for a file. */
  readonly children: readonly TreeEntry[];
}

export interface TreeChange {
  readonly kind: 'create' | 'change' | 'delete';
  readonly entry: TreeEntry;
}

/** Modification time and kind of one path, or undefined when it is gone. */
export async function entryStat(path: string): Promise<{ dir: boolean; mtime: number; size: number } | undefined> {
  try {
    const s = await stat(path);
    return { dir: s.isDirectory(), mtime: s.mtimeMs, size: s.isDirectory() ? 0 : s.size };
  } catch {
    return undefined;
  }
}

/** The entries under `dir`, each with its subtree, sorted by name. Entries that vanish while read are left out. */
export async function scanTree(dir: string): Promise<TreeEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  names.sort(compareNames);
  // The entries of a folder are looked at together: each stat waits on the file system, not on the others.
  const entries = await Promise.all(
    names.map(async (name): Promise<TreeEntry | undefined> => {
      const path = join(dir, name);
      const s = await entryStat(path);
      return s && { path, name, ...s, children: s.dir ? await scanTree(path) : [] };
    }),
  );
  return entries.filter((e): e is TreeEntry => e !== undefined);
}

/** Code-unit order, as Java's case-sensitive String.compareTo (Linux file systems are case-sensitive). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The changes from `previous` to `current` (both sorted by name), appended to `out` in reporting order. */
export function diffTrees(previous: readonly TreeEntry[], current: readonly TreeEntry[], out: TreeChange[]): void {
  let c = 0;
  for (const before of previous) {
    while (c < current.length && compareNames(before.name, current[c]!.name) > 0) created(current[c++]!, out);
    const now = current[c];
    if (now && now.name === before.name) {
      if (now.dir !== before.dir || now.mtime !== before.mtime || now.size !== before.size) {
        out.push({ kind: 'change', entry: now });
      }
      diffTrees(before.children, now.children, out);
      c++;
    } else {
      deleted(before, out);
    }
  }
  while (c < current.length) created(current[c++]!, out);
}

function created(entry: TreeEntry, out: TreeChange[]): void {
  out.push({ kind: 'create', entry });
  for (const child of entry.children) created(child, out);
}

function deleted(entry: TreeEntry, out: TreeChange[]): void {
  for (const child of entry.children) deleted(child, out);
  out.push({ kind: 'delete', entry });
}
