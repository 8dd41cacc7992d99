/** The `file:` function library (siddhi-io-file's file-system functions), on the local file system. */
import type { FunctionImpl, StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { archive } from './archive.js';
import { copy } from './copy.js';
import { create } from './create.js';
import { deleteFile } from './delete.js';
import { isDirectory, isExist, isFile } from './file-checks.js';
import { lastModifiedTime } from './last-modified-time.js';
import { move } from './move.js';
import { rename } from './rename.js';
import { search } from './search.js';
import { searchInArchive } from './search-in-archive.js';
import { size } from './size.js';
import { unarchive } from './unarchive.js';

export const fileFunctions: readonly (FunctionImpl | StreamFunctionImpl)[] = [
  archive,
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
  searchInArchive,
  size,
  unarchive,
];
