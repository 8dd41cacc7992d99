/** `file:isExist`, `file:isFile` and `file:isDirectory`: what is at a path, as a bool. */
import type { Stats } from 'node:fs';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { FunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, localPath, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';

function check(
  name: 'isExist' | 'isFile' | 'isDirectory',
  javaClass: string,
  param: string,
  what: string,
  test: (st: Stats | undefined) => boolean,
): FunctionImpl {
  const error = fileErrors(javaClass);
  const base = {
    kind: 'function',
    namespace: 'file',
    name,
    description: `Tells whether ${what}. Links are followed.`,
    parameters: [
      { name: param, type: ['string'], description: 'The path to look at: a plain path or a file: URI.' },
      FILE_SYSTEM_OPTIONS,
    ],
    returns: { type: ['bool'], description: `true when ${what}, else false.` },
    examples: [
      {
        syntax: `from FileStream select path, file:${name}(path) as ok insert into Checked;`,
        description: `ok is true when ${what.replace('the path', 'path')}.`,
      },
    ],
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: () => (uri) => test(statOf(localPath(uri, name, param, error), error)),
  };
}

export const isExist = check(
  'isExist',
  'FileExistsExtension',
  'uri',
  'a file or a folder exists at the path',
  (st) => st !== undefined,
);

export const isFile = check(
  'isFile',
  'FileIsFileExtension',
  'file.path',
  'the path names an existing file',
  (st) => st?.isFile() === true,
);

export const isDirectory = check(
  'isDirectory',
  'FileIsDirectoryExtension',
  'uri',
  'the path names an existing folder',
  (st) => st?.isDirectory() === true,
);
