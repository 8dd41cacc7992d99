/**
 * The zip and tar libraries of the archive functions, loaded on the first archive call rather than when
 * the io layer loads (together about 50 ms of every start; most apps never archive).
 */
import { lazyRequire } from '../../../mappers/shared/lazy-require.js';

export const admZip = lazyRequire<typeof import('adm-zip')>('adm-zip');
export const tar = lazyRequire<typeof import('tar')>('tar');
