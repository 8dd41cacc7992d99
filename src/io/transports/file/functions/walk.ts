/** Listing the files under a folder, as the `file:` functions that take folders do. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reason, type FileError } from './file-args.js';

/**
 * The files under `dir`, links followed, depth first with the names of each folder in code-unit order
 * (commons-vfs lists in the order the OS gives; a fixed order makes runs repeatable). Entries that are
 * neither files nor folders (broken links, sockets) are left out. With `recursive` false, only the files
 * directly in `dir`.
 */
export function filesUnder(dir: string, recursive: boolean, error: FileError): string[] {
  const out: string[] = [];
  const visit = (folder: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (e) {
      throw error(`Cannot list the folder ${folder}: ${reason(e)}`, e);
    }
    for (const name of names) {
      const path = join(folder, name);
      let st;
      try {
        st = statSync(path, { throwIfNoEntry: false });
      } catch {
        st = undefined; // a link loop or an unreadable entry: neither a file nor a folder
      }
      if (st?.isFile() === true) out.push(path);
      else if (st?.isDirectory() === true && recursive) visit(path);
    }
  };
  visit(dir);
  return out;
}
