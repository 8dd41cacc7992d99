/** The `file:` function library (siddhi-io-file's file-system functions), on the local file system. */
import type { FunctionImpl, StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { copy } from './copy.js';
import { create } from './create.js';
import { deleteFile } from './delete.js';
import { isDirectory, isExist, isFile } from './file-checks.js';
import { lastModifiedTime } from './last-modified-time.js';
import { move } from './move.js';
import { rename } from './rename.js';
import { search } from './search.js';
import { size } from './size.js';

export const fileFunctions: readonly (FunctionImpl | StreamFunctionImpl)[] = [
  copy,
  create,
  deleteFile,
  isDirectory,
  isExist,
  isFile,
  lastModifiedTime,
  move,
  rename,
  search,
  size,
];
