/** `#file:create(uri[, is.directory])`: makes an empty file or a folder, with the folders above it. */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, flagOf, localPath, reason, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';

const error = fileErrors('FileCreateExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'create',
  description:
    'Creates an empty file, or a folder, at the path, and any missing folders above it; the event passes on ' +
    'unchanged. Nothing happens when a file (or a folder, for is.directory true) is already there; the other ' +
    'kind already there is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The path to create: a plain path or a file: URI.' },
    {
      name: 'is.directory',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'true to create a folder, false for a file.',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [],
  examples: [
    {
      syntax: "from CreateStream#file:create('/data/out/done.flag') select * insert into Created;",
      description: 'Creates the empty file done.flag (and /data/out if missing).',
    },
    {
      syntax: "from CreateStream#file:create('/data/archive/2026', true) select * insert into Created;",
      description: 'Creates the folder /data/archive/2026.',
    },
  ],
} as const satisfies ExtensionSpec;

export const create: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    return (args, emit) => {
      const path = localPath(args[0], 'create', 'uri', error);
      const folder = flagOf(n > 1 ? args[1] : undefined, false, 'create', 'is.directory', error);
      const st = statOf(path, error);
      if (st !== undefined && st.isDirectory() !== folder) {
        throw error(
          `Cannot create the ${folder ? 'folder' : 'file'} ${path}: a ${folder ? 'file' : 'folder'} is there`,
        );
      }
      if (st === undefined) {
        try {
          if (folder) mkdirSync(path, { recursive: true });
          else {
            mkdirSync(dirname(path), { recursive: true });
            closeSync(openSync(path, 'a'));
          }
        } catch (e) {
          throw error(`Cannot create the ${folder ? 'folder' : 'file'} ${path}: ${reason(e)}`, e);
        }
      }
      emit([]);
    };
  },
};
