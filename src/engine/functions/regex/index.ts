/** The `regex:` function library (Siddhi's siddhi-execution-regex). */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { lookingAt, matches } from './anchored-match.js';
import { find } from './find.js';
import { group } from './group.js';

export const regexFunctions: readonly FunctionImpl[] = [find, group, lookingAt, matches];
