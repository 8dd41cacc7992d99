/** `file:size(uri)`: the size in bytes of a file, or of every file under a folder. */
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { FunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, localPath, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { filesUnder } from './walk.js';

const error = fileErrors('FileSizeExtension');

const base = {
  kind: 'function',
  namespace: 'file',
  name: 'size',
  description:
    'The size in bytes of a file, or the sum of the sizes of all files under a folder (subfolders included). ' +
    'A path where nothing exists is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder: a plain path or a file: URI.' },
    FILE_SYSTEM_OPTIONS,
  ],
  returns: { type: ['long'], description: 'The size in bytes.' },
  examples: [
    {
      syntax: "from FileStream select file:size('/data/in/orders.csv') as bytes insert into Sizes;",
      description: 'bytes is the length of orders.csv.',
    },
  ],
} as const satisfies ExtensionSpec;

export const size: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (uri) => {
    const path = localPath(uri, 'size', 'uri', error);
    const st = statOf(path, error);
    if (st === undefined) throw error(`Cannot read the size of ${path}: no such file or folder`);
    if (!st.isDirectory()) return st.size;
    let total = 0;
    for (const file of filesUnder(path, true, error)) total += statOf(file, error)?.size ?? 0;
    return total;
  },
};
