/** `#file:copy(uri, destination.dir.uri[, include.by.regexp[, exclude.root.dir]])`: copies a file or a folder's files. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, filterOf, flagOf, localPath, reason, regexConstantCheck, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { filesUnder } from './walk.js';

const error = fileErrors('FileCopyExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'copy',
  description:
    'Copies a file into a folder, or the files of a folder (subfolders included, keeping their places) into a ' +
    'folder named like it inside the destination. Missing destination folders are created; files already there ' +
    'are overwritten; empty folders are not copied. A file whose name the regex does not match is skipped ' +
    '(isSuccess stays true). A source that does not exist gives isSuccess false; a failure while copying is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder to copy: a plain path or a file: URI.' },
    {
      name: 'destination.dir.uri',
      type: ['string'],
      description: 'The folder to copy into; created with its parents when missing.',
    },
    {
      name: 'include.by.regexp',
      type: ['string'],
      optional: true,
      defaultValue: "''",
      description:
        'A Java regex that must match the start of a file name for the file to be copied; empty matches every file.',
    },
    {
      name: 'exclude.root.dir',
      type: ['bool'],
      optional: true,
      constantOnly: true,
      defaultValue: 'false',
      description: "true to copy a folder's content straight into the destination, without the folder itself.",
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [{ name: 'isSuccess', type: 'bool', description: 'true when the source was there and copied.' }],
  examples: [
    {
      syntax: "from CopyStream#file:copy('/data/in/orders.csv', '/data/backup') select isSuccess insert into Copied;",
      description: 'Copies orders.csv to /data/backup/orders.csv.',
    },
    {
      syntax: "from CopyStream#file:copy('/data/in', '/data/backup', '.*[.]csv$') select isSuccess insert into Copied;",
      description: 'Copies the .csv files under /data/in to /data/backup/in, subfolders kept.',
    },
    {
      syntax: "from CopyStream#file:copy('/data/in', '/data/backup', '', true) select isSuccess insert into Copied;",
      description: 'Copies everything under /data/in straight into /data/backup.',
    },
  ],
} as const satisfies ExtensionSpec;

function copyInto(source: string, target: string): void {
  try {
    if (statOf(target, error)?.isDirectory() === true) throw new Error('a folder of that name is there');
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  } catch (e) {
    throw error(`Cannot copy ${source} to ${target}: ${reason(e)}`, e);
  }
}

export const copy: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(2, 'copy')) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    const excludeRoot = n > 3 && ctx.constants[3] === true;
    return (args, emit) => {
      const source = localPath(args[0], 'copy', 'uri', error);
      const destination = localPath(args[1], 'copy', 'destination.dir.uri', error);
      const matches = filterOf(n > 2 ? args[2] : undefined, 'copy', error);
      flagOf(n > 3 ? args[3] : undefined, false, 'copy', 'exclude.root.dir', error);
      const st = statOf(source, error);
      if (st === undefined) {
        emit([false]);
        return;
      }
      if (st.isFile()) {
        if (matches(basename(source))) copyInto(source, join(destination, basename(source)));
      } else if (st.isDirectory()) {
        const root = excludeRoot ? destination : join(destination, basename(source));
        for (const file of filesUnder(source, true, error)) {
          if (matches(basename(file))) copyInto(file, join(root, relative(source, file)));
        }
      }
      emit([true]);
    };
  },
};
