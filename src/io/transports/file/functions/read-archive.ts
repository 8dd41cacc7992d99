/**
 * Reading zip and tar archives whole from memory, synchronously (the `file:` functions run per event): zip
 * with adm-zip, tar with node-tar's parser. Both give the members in archive order with their names as stored,
 * so the callers can filter them and refuse names that leave the destination.
 */
import type { ReadEntry } from 'tar';
import { admZip, tar } from './archive-libraries.js';
import type { ArchiveEntry } from './archive-entry.js';

/** adm-zip's text when the buffer has no end-of-central-directory record, i.e. is not a zip at all. */
const NO_END_HEADER = 'No END header found';

function zipError(e: unknown): Error {
  const message = (e instanceof Error ? e.message : String(e)).replace(/^ADM-ZIP: /, '');
  return new Error(
    message.includes(NO_END_HEADER)
      ? 'not a zip archive (no end of central directory)'
      : `corrupt zip archive (${message})`,
  );
}

/** The members of a zip, in the order of its central directory; a member's data is inflated and CRC-checked on demand. */
export function readZip(content: Buffer): ArchiveEntry[] {
  try {
    return new (admZip())(content, { noSort: true }).getEntries().map((e) => ({
      name: e.entryName,
      kind: e.isDirectory ? 'directory' : 'file',
      data: () => {
        try {
          return e.getData();
        } catch (err) {
          throw zipError(err);
        }
      },
    }));
  } catch (e) {
    throw zipError(e);
  }
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function kindOf(e: ReadEntry): ArchiveEntry['kind'] {
  if (e.type === 'Directory' || (e.type === 'OldFile' && e.path.endsWith('/'))) return 'directory';
  return FILE_TYPES.has(e.type) ? 'file' : 'other';
}

/**
 * The members of a tar (gzipped or not: node-tar detects it), in order. node-tar reads ustar prefixes, GNU long
 * names and pax records; strict mode turns its warnings (bad checksums, a cut-short archive, not a tar at all)
 * into errors. An archive with no members (only its end blocks, or nothing) is empty, not an error.
 */
export function readTar(content: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let failure: unknown;
  const parser = new (tar().Parser)({
    strict: true,
    onReadEntry: (e) => {
      const chunks: Buffer[] = [];
      e.on('data', (chunk: Buffer) => chunks.push(chunk));
      e.on('end', () => {
        const data = Buffer.concat(chunks);
        entries.push({ name: e.path, kind: kindOf(e), data: () => data });
      });
    },
  });
  parser.on('error', (e: unknown) => {
    failure ??= e;
  });
  parser.end(content);
  if (failure !== undefined && !(entries.length === 0 && content.every((b) => b === 0))) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new Error(`${entries.length === 0 ? 'not a tar archive' : 'corrupt tar archive'} (${message})`);
  }
  return entries;
}
