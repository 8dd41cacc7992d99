/** `#file:move(path, destination.dir.path[, include.by.regexp[, exclude.root.dir]])`: moves a file or a folder's files. */
import { copyFileSync, mkdirSync, renameSync, rmSync, unlinkSync, utimesSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, filterOf, flagOf, localPath, regexConstantCheck, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { filesUnder } from './walk.js';

const error = fileErrors('FileMoveExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'move',
  description:
    'Moves a file into a folder, or the files of a folder (subfolders included, keeping their places) into a ' +
    'folder named like it inside the destination; the emptied source folders stay. Missing destination folders ' +
    'are created; whatever is at a target path already is replaced. A file whose name the regex does not match ' +
    'stays (isSuccess stays true). A source that does not exist, or a failure while moving, gives isSuccess false.',
  parameters: [
    { name: 'path', type: ['string'], description: 'The file or folder to move: a plain path or a file: URI.' },
    {
      name: 'destination.dir.path',
      type: ['string'],
      description: 'The folder to move into; created with its parents when missing.',
    },
    {
      name: 'include.by.regexp',
      type: ['string'],
      optional: true,
      defaultValue: "''",
      description:
        'A Java regex that must match the start of a file name for the file to be moved; empty matches every file.',
    },
    {
      name: 'exclude.root.dir',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: "true to move a folder's content straight into the destination, without the folder itself.",
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [{ name: 'isSuccess', type: 'bool', description: 'true when the source was there and moved.' }],
  examples: [
    {
      syntax: "from ProcessedStream#file:move(path, '/data/processed') select path, isSuccess insert into Moved;",
      description: 'Moves each processed file into /data/processed.',
    },
    {
      syntax:
        "from SweepStream#file:move('/data/in', '/data/done', '.*[.]csv$', true) select isSuccess insert into Moved;",
      description: 'Moves the .csv files under /data/in into /data/done (subfolders kept), leaving the rest.',
    },
  ],
} as const satisfies ExtensionSpec;

/** Moves a file, replacing what is at the target; across devices, a copy (keeping the times) and a delete. */
function moveTo(source: string, sourceStats: Stats, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  if (statOf(target, error) !== undefined) rmSync(target, { recursive: true, force: true });
  try {
    renameSync(source, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyFileSync(source, target);
    utimesSync(target, sourceStats.atime, sourceStats.mtime);
    unlinkSync(source);
  }
}

export const move: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(2, 'move')) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    return (args, emit) => {
      const source = localPath(args[0], 'move', 'path', error);
      const destination = localPath(args[1], 'move', 'destination.dir.path', error);
      const matches = filterOf(n > 2 ? args[2] : undefined, 'move', error);
      const excludeRoot = flagOf(n > 3 ? args[3] : undefined, false, 'move', 'exclude.root.dir', error);
      const st = statOf(source, error);
      if (st === undefined) {
        emit([false]);
        return;
      }
      try {
        if (st.isFile()) {
          if (matches(basename(source))) moveTo(source, st, join(destination, basename(source)));
        } else if (st.isDirectory()) {
          const root = excludeRoot ? destination : join(destination, basename(source));
          for (const file of filesUnder(source, true, error)) {
            const fileStats = statOf(file, error);
            if (fileStats !== undefined && matches(basename(file))) {
              moveTo(file, fileStats, join(root, relative(source, file)));
            }
          }
        }
      } catch {
        emit([false]);
        return;
      }
      emit([true]);
    };
  },
};
