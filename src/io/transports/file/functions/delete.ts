/** `#file:delete(uri)`: removes a file, or a folder with everything in it. */
import { rmSync } from 'node:fs';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, localPath, reason } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';

const error = fileErrors('FileDeleteExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'delete',
  description:
    'Deletes the file, or the folder and everything under it, at the path; the event passes on unchanged. ' +
    'A path where nothing exists is left as it is, without error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder to delete: a plain path or a file: URI.' },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [],
  examples: [
    {
      syntax: 'from DoneStream#file:delete(path) select * insert into Deleted;',
      description: 'Deletes the file or folder each event names.',
    },
  ],
} as const satisfies ExtensionSpec;

export const deleteFile: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (args, emit) => {
    const path = localPath(args[0], 'delete', 'uri', error);
    try {
      rmSync(path, { recursive: true, force: true });
    } catch (e) {
      throw error(`Cannot delete ${path}: ${reason(e)}`, e);
    }
    emit([]);
  },
};
