/** `#file:search(uri[, include.by.regexp[, exclude.subdirectories]])`: lists the files under a folder. */
import { basename } from 'node:path';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, filterOf, localPath, regexConstantCheck, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { filesUnder } from './walk.js';

const error = fileErrors('FileSearchExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'search',
  description:
    'Lists the absolute paths of the files under a folder whose names match a regex, subfolders included, ' +
    'depth first with the names of each folder in order. A folder that does not exist gives an empty list; ' +
    'a path naming a file is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The folder to search: a plain path or a file: URI.' },
    {
      name: 'include.by.regexp',
      type: ['string'],
      optional: true,
      defaultValue: "''",
      description: 'A Java regex that must match the start of a file name; empty matches every file.',
    },
    {
      name: 'exclude.subdirectories',
      type: ['bool'],
      optional: true,
      constantOnly: true,
      defaultValue: 'false',
      description: 'true to list only the files directly in the folder.',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [
    { name: 'fileNameList', type: 'object', description: 'The paths found, as a list (an array) of strings.' },
  ],
  examples: [
    {
      syntax: "from ListStream#file:search('/data/in') select fileNameList insert into Found;",
      description: 'Lists every file under /data/in.',
    },
    {
      syntax: "from ListStream#file:search('/data/in', '.*[.]csv$', true) select fileNameList insert into Found;",
      description: 'Lists the .csv files directly in /data/in.',
    },
  ],
} as const satisfies ExtensionSpec;

export const search: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'search')) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    const recursive = !(n > 2 && ctx.constants[2] === true);
    return (args, emit) => {
      const folder = localPath(args[0], 'search', 'uri', error);
      const matches = filterOf(n > 1 ? args[1] : undefined, 'search', error);
      const st = statOf(folder, error);
      if (st === undefined) {
        emit([[]]);
        return;
      }
      if (!st.isDirectory()) throw error(`Cannot search ${folder}: it is not a folder`);
      emit([filesUnder(folder, recursive, error).filter((file) => matches(basename(file)))]);
    };
  },
};
