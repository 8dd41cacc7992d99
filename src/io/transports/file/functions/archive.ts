/** `#file:archive(uri, destination.dir.uri[, archive.type[, include.by.regexp[, exclude.subdirectories]]])`. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { admZip, tar } from './archive-libraries.js';
import type { AttributeType } from '../../../../lang/ast.js';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, filterOf, localPath, reason, regexConstantCheck, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { filesUnder } from './walk.js';

const error = fileErrors('FileArchiveExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'archive',
  description:
    'Archives a file, or the files under a folder, into `<destination>/<name>.zip` (deflated) or `<name>.tar`, ' +
    'where `<name>` is the name of the file or folder; the event passes on unchanged. Members are named by their ' +
    'path inside the folder; empty folders are not kept. The destination folder is created when missing and an ' +
    'archive already there is replaced. A source that does not exist is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder to archive: a plain path or a file: URI.' },
    {
      name: 'destination.dir.uri',
      type: ['string'],
      description: 'The folder the archive is written to.',
    },
    {
      name: 'archive.type',
      type: ['string'],
      optional: true,
      constantOnly: true,
      defaultValue: 'zip',
      description: "'zip' or 'tar' (either case).",
    },
    {
      name: 'include.by.regexp',
      type: ['string'],
      optional: true,
      constantOnly: true,
      defaultValue: "''",
      description:
        'A Java regex that must match the start of a file name for the file to be archived; empty matches every file.',
    },
    {
      name: 'exclude.subdirectories',
      type: ['bool'],
      optional: true,
      constantOnly: true,
      defaultValue: 'false',
      description: 'true to archive only the files directly in the folder.',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [],
  examples: [
    {
      syntax: "from ArchiveStream#file:archive('/data/done', '/data/archives') select * insert into Archived;",
      description: 'Writes /data/archives/done.zip with every file under /data/done.',
    },
    {
      syntax:
        "from ArchiveStream#file:archive('/data/done', '/data/archives', 'tar', '.*[.]csv$', true) select * insert into Archived;",
      description: 'Writes /data/archives/done.tar with the .csv files directly in /data/done.',
    },
  ],
} as const satisfies ExtensionSpec;

function typeCheck(_argTypes: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  const t = constants[2];
  if (typeof t !== 'string' || ['zip', 'tar'].includes(t.toLowerCase())) return undefined;
  return `Unsupported archive.type '${t}' of file:archive: use 'zip' or 'tar'`;
}

/** A zip (adm-zip) of the files under `cwd` with the given '/'-separated names, deflated, in the given order. */
function zipOf(cwd: string, names: readonly string[]): Buffer {
  const zip = new (admZip())(undefined, { noSort: true });
  for (const name of names) {
    const file = join(cwd, name);
    zip.addFile(name, readFileSync(file), '', statSync(file)); // the stats give the member its time and mode
  }
  return zip.toBuffer();
}

/** A tar (node-tar, portable: no owners) of the files under `cwd` with the given names, links followed, in order. */
function tarOf(cwd: string, names: readonly string[]): Buffer {
  const pack = new (tar().PackSync)({ cwd, portable: true, follow: true, strict: true });
  const chunks: Buffer[] = [];
  let failure: unknown;
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  pack.on('error', (e: unknown) => {
    failure ??= e;
  });
  for (const name of names) pack.add(name); // not create(): it reads a name starting with '@' as an archive to copy
  pack.end();
  if (failure !== undefined) throw failure;
  return Buffer.concat(chunks);
}

export const archive: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, (a, c) => regexConstantCheck(3, 'archive')(a, c) ?? typeCheck(a, c)) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    const type = n > 2 && typeof ctx.constants[2] === 'string' ? ctx.constants[2].toLowerCase() : 'zip';
    const recursive = !(n > 4 && ctx.constants[4] === true);
    return (args, emit) => {
      const source = localPath(args[0], 'archive', 'uri', error);
      const destination = localPath(args[1], 'archive', 'destination.dir.uri', error);
      const matches = filterOf(n > 3 ? args[3] : undefined, 'archive', error);
      const st = statOf(source, error);
      if (st === undefined) throw error(`Cannot archive ${source}: no such file or folder`);
      const files = st.isDirectory() ? filesUnder(source, recursive, error) : [source];
      const cwd = st.isDirectory() ? source : dirname(source);
      const names = files
        .filter((file) => matches(basename(file)))
        .map((file) => relative(cwd, file).split(sep).join('/'));
      try {
        const ext = `.${type}`;
        const target = join(destination, basename(source) + (basename(source).endsWith(ext) ? '' : ext));
        const content = type === 'tar' ? tarOf(cwd, names) : zipOf(cwd, names);
        mkdirSync(destination, { recursive: true });
        writeFileSync(target, content);
      } catch (e) {
        throw error(`Cannot archive ${source} into ${destination}: ${reason(e)}`, e);
      }
      emit([]);
    };
  },
};
