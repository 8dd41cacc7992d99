/** `#file:unarchive(uri, destination.dir.uri[, exclude.root.dir])`: extracts a zip or tar, or gunzips a .gz. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import type { ArchiveEntry } from './archive-entry.js';
import { fileErrors, localPath, reason } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { readTar, readZip } from './read-archive.js';

const error = fileErrors('FileUnarchiveExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'unarchive',
  description:
    'Extracts a .zip or .tar archive, or decompresses a .gz file (a .tar.gz gives the .tar), into the ' +
    'destination folder; the event passes on unchanged. Unless exclude.root.dir is true, the output goes into ' +
    'a folder inside the destination named like the archive without its extension. Folders are created as ' +
    'needed and files already there are overwritten. The type is read from the extension, in either case; ' +
    'other types (bz2 included), a missing or malformed archive, and a member whose path leaves the ' +
    'destination are errors.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The archive or .gz file: a plain path or a file: URI.' },
    { name: 'destination.dir.uri', type: ['string'], description: 'The folder to extract into.' },
    {
      name: 'exclude.root.dir',
      type: ['bool'],
      optional: true,
      constantOnly: true,
      defaultValue: 'false',
      description: 'true to extract straight into the destination, without a folder named like the archive.',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [],
  examples: [
    {
      syntax: "from UnarchiveStream#file:unarchive('/data/in/batch.zip', '/data/work') select * insert into Extracted;",
      description: 'Extracts batch.zip into /data/work/batch.',
    },
    {
      syntax:
        "from UnarchiveStream#file:unarchive('/data/in/batch.tar', '/data/work', true) select * insert into Extracted;",
      description: 'Extracts batch.tar straight into /data/work.',
    },
  ],
} as const satisfies ExtensionSpec;

const TYPES = ['zip', 'tar', 'gz'];

/** The path of a member inside `root`; a name that would leave it (`../x`) is refused. */
function inside(root: string, name: string): string {
  const target = resolve(root, name.replace(/^\/+/, ''));
  const rel = relative(root, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new Error(`the member ${name} would be written outside ${root}`);
  return target;
}

/** Writes the files and folders of an archive under `root`, once every name and content has been checked. */
function extract(entries: readonly ArchiveEntry[], root: string): void {
  const members = entries
    .filter((e) => e.name !== '' && e.kind !== 'other')
    .map((e) => ({ target: inside(root, e.name), data: e.kind === 'directory' ? undefined : e.data() }));
  for (const { target, data } of members) {
    if (data === undefined) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
  }
}

export const unarchive: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const excludeRoot = ctx.argTypes.length > 2 && ctx.constants[2] === true;
    return (args, emit) => {
      const source = localPath(args[0], 'unarchive', 'uri', error);
      const destination = localPath(args[1], 'unarchive', 'destination.dir.uri', error);
      const ext = extname(source);
      const type = ext.slice(1).toLowerCase();
      if (!TYPES.includes(type)) {
        throw error(
          `Cannot unarchive ${source}: only zip, tar and gz files are supported${type === 'bz2' ? ' (bz2 is not)' : ''}`,
        );
      }
      const stem = basename(source, ext);
      const root = excludeRoot ? destination : join(destination, stem);
      try {
        mkdirSync(root, { recursive: true });
        const content = readFileSync(source);
        if (type === 'gz') writeFileSync(join(root, stem), gunzipSync(content));
        else extract(type === 'zip' ? readZip(content) : readTar(content), root);
      } catch (e) {
        throw error(`Cannot unarchive ${source} into ${root}: ${reason(e)}`, e);
      }
      emit([]);
    };
  },
};
