/** `#file:rename(uri, new.destination.name)`: gives a file or folder a new path. */
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, localPath, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';

const error = fileErrors('FileRenameExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'rename',
  description:
    'Renames a file or folder, or moves it to another path, creating missing parent folders. When something ' +
    'is at the new path already, a file replaces a file, a folder is merged into a folder (its files ' +
    'overwritten), and a different kind is replaced. A source that does not exist, or a failure, gives isSuccess false.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder to rename: a plain path or a file: URI.' },
    { name: 'new.destination.name', type: ['string'], description: 'Its new path.' },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [{ name: 'isSuccess', type: 'bool', description: 'true when the source was renamed.' }],
  examples: [
    {
      syntax:
        "from RenameStream#file:rename('/data/in/orders.csv', '/data/in/orders.done') select isSuccess insert into Renamed;",
      description: 'Renames orders.csv to orders.done.',
    },
    {
      syntax: "from RenameStream#file:rename('/data/in', '/data/in-2026') select isSuccess insert into Renamed;",
      description: 'Renames the folder /data/in.',
    },
  ],
} as const satisfies ExtensionSpec;

function renameOrMerge(source: string, target: string): void {
  const src = statOf(source, error);
  if (src === undefined) throw new Error(`${source} does not exist`);
  const there = statOf(target, error);
  if (there !== undefined && there.isDirectory() !== src.isDirectory()) {
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(dirname(target), { recursive: true });
  if (there === undefined || !src.isDirectory()) {
    try {
      renameSync(source, target);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    }
  }
  cpSync(source, target, { recursive: true, force: true, preserveTimestamps: true });
  rmSync(source, { recursive: true, force: true });
}

export const rename: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (args, emit) => {
    const source = localPath(args[0], 'rename', 'uri', error);
    const target = localPath(args[1], 'rename', 'new.destination.name', error);
    try {
      renameOrMerge(source, target);
    } catch {
      emit([false]);
      return;
    }
    emit([true]);
  },
};
