/**
 * The options of `@source(type='file')`, read and checked once at app creation, with siddhi-io-file's
 * defaults and its rules on which options go together.
 */
import { javaWholeRegex } from '../../../engine/functions/shared/java-regex.js';
import { parseCron, type CronSchedule } from '../../../engine/time/cron.js';
import type { OptionReader } from '../../framework/transport.js';
import { FILE_MODES, type FileMode } from './file-reader.js';
import { pathOf } from './file-path.js';

export const AFTER_ACTIONS = ['DELETE', 'MOVE', 'KEEP'] as const;
export type AfterAction = (typeof AFTER_ACTIONS)[number];

/** What to do when the file a move goes to is there already. */
export type MoveIfExists = 'OVERWRITE' | 'KEEP' | undefined;

/** Which lines of a whole file (LINE mode, not tailed) are read. */
export interface LineSelection {
  /** Lines skipped at the start (`header.present`, `header.line.count`). */
  readonly headerLines: number;
  readonly only: 'header' | 'trailer' | undefined;
  readonly skipTrailer: boolean;
}

export interface FileSourceConfig {
  readonly file: string | undefined;
  readonly dir: string | undefined;
  readonly mode: FileMode;
  readonly tailing: boolean;
  readonly begin: RegExp | undefined;
  readonly end: RegExp | undefined;
  readonly lines: LineSelection;
  readonly afterProcess: AfterAction;
  readonly moveAfterProcess: string | undefined;
  readonly afterFailure: AfterAction;
  readonly moveAfterFailure: string | undefined;
  readonly moveIfExists: MoveIfExists;
  /** Names of `dir.uri` files read: all when undefined. */
  readonly namePattern: RegExp | undefined;
  /** Read at these times instead of polling. */
  readonly cron: CronSchedule | undefined;
  readonly pollInterval: number;
  readonly chunkSize: number;
}

export function readFileSourceConfig(o: OptionReader): FileSourceConfig {
  const file = o.get('file.uri');
  const dir = o.get('dir.uri');
  if ((file === undefined) === (dir === undefined))
    throw new Error("file source needs exactly one of 'file.uri' and 'dir.uri'");
  const filePath = file === undefined ? undefined : pathOf(file, 'file.uri');
  const dirPath = dir === undefined ? undefined : pathOf(dir, 'dir.uri');
  const mode = o.getOr('mode', 'TEXT.FULL').toUpperCase();
  const named = FILE_MODES.find((x) => x === mode);
  if (!named) throw new Error(`file source mode '${mode}' is not one of ${FILE_MODES.join(', ')}`);
  const b = o.get('begin.regex');
  const e = o.get('end.regex');
  const begin = b === undefined ? undefined : new RegExp(b);
  const end = e === undefined ? undefined : new RegExp(e);
  // As siddhi-io-file: REGEX with neither begin.regex nor end.regex reads lines.
  const m = named === 'REGEX' && !begin && !end ? 'LINE' : named;
  const lineModes = m === 'LINE' || m === 'REGEX';
  // As siddhi-io-file: tailing is on by default for LINE and REGEX, and cannot be on in the other modes.
  const tailing = o.bool('tailing', lineModes);
  if (tailing && !lineModes)
    throw new Error(`tailing cannot be enabled in '${named}' mode: remove tailing='true' or read with mode='LINE'`);
  if (named.startsWith('BINARY') && begin && end)
    throw new Error(`'begin.regex' and 'end.regex' can only be given in 'REGEX' mode, not in '${named}'`);
  const chunkSize = o.number('buffer.size', 65536);
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new Error(`option 'buffer.size' must be a whole number of bytes above 0, not '${o.get('buffer.size')}'`);

  const lines = lineSelection(o, tailing);
  const afterProcess = action(o, 'action.after.process', 'DELETE');
  const afterFailure = action(o, 'action.after.failure', 'KEEP');
  const moveAfterProcess = movePath(o, 'move.after.process', 'action.after.process', afterProcess);
  const moveAfterFailure = movePath(o, 'move.after.failure', 'action.after.failure', afterFailure);
  if (file !== undefined && tailing && moveAfterProcess !== undefined)
    throw new Error(
      "'move.after.process' cannot be used while tailing (a tailed file is never done): set tailing='false'",
    );
  const ifExists = o.get('move.if.exist.mode')?.toUpperCase();
  if (ifExists !== undefined && ifExists !== 'OVERWRITE' && ifExists !== 'KEEP')
    throw new Error(`move.if.exist.mode '${ifExists}' is not one of OVERWRITE, KEEP`);
  if (ifExists !== undefined && afterProcess !== 'MOVE')
    throw new Error("'move.if.exist.mode' can only be used with action.after.process='MOVE'");

  const pattern = o.get('file.name.pattern');
  if (pattern !== undefined && dir === undefined)
    throw new Error("'file.name.pattern' selects files of a 'dir.uri'; this source reads the file.uri");
  const cronText = o.get('cron.expression');
  if (cronText !== undefined && tailing)
    throw new Error("'cron.expression' cannot be used while tailing: set tailing='false'");
  let cron: CronSchedule | undefined;
  if (cronText !== undefined) {
    try {
      cron = parseCron(cronText);
    } catch (err) {
      throw new Error(`cron.expression '${cronText}' is not valid: ${(err as Error).message}`);
    }
  }
  return {
    file: filePath,
    dir: dirPath,
    mode: m,
    tailing: file !== undefined && tailing,
    begin,
    end,
    lines,
    afterProcess,
    moveAfterProcess,
    afterFailure,
    moveAfterFailure,
    moveIfExists: ifExists,
    namePattern: pattern === undefined ? undefined : javaWholeRegex(pattern),
    cron,
    pollInterval: Math.max(1, o.number(dir !== undefined ? 'dir.polling.interval' : 'file.polling.interval', 1000)),
    chunkSize,
  };
}

function lineSelection(o: OptionReader, tailing: boolean): LineSelection {
  const header = o.bool('header.present', false);
  const count = o.number('header.line.count', 1);
  if (!Number.isInteger(count) || count < 0)
    throw new Error(
      `header.line.count must be a whole number of lines, 0 or more, not '${o.get('header.line.count')}'`,
    );
  const onlyHeader = o.bool('read.only.header', false);
  const onlyTrailer = o.bool('read.only.trailer', false);
  const skipTrailer = o.bool('skip.trailer', false);
  // As siddhi-io-file: these read a whole file, so they exclude tailing and each other.
  const chosen = [
    onlyHeader && 'read.only.header',
    onlyTrailer && 'read.only.trailer',
    skipTrailer && 'skip.trailer',
  ].filter((x): x is string => typeof x === 'string');
  if (tailing && chosen.length > 0)
    throw new Error(`'${chosen[0]}' reads a whole file and cannot be used while tailing: set tailing='false'`);
  if (chosen.length > 1) throw new Error(`'${chosen[0]}' and '${chosen[1]}' cannot both be true`);
  return {
    headerLines: header ? count : 0,
    only: onlyHeader ? 'header' : onlyTrailer ? 'trailer' : undefined,
    skipTrailer,
  };
}

function action(o: OptionReader, name: string, defaultValue: AfterAction): AfterAction {
  // siddhi-io-file's NONE (its default while tailing) leaves the file as it is: KEEP.
  const given = o
    .getOr(name, defaultValue)
    .toUpperCase()
    .replace(/^NONE$/, 'KEEP');
  const a = AFTER_ACTIONS.find((x) => x === given);
  if (!a) throw new Error(`${name} '${given}' is not one of ${AFTER_ACTIONS.join(', ')}`);
  return a;
}

function movePath(o: OptionReader, name: string, actionName: string, a: AfterAction): string | undefined {
  const given = o.get(name);
  if (a === 'MOVE' && given === undefined) throw new Error(`${actionName}='MOVE' needs ${name}`);
  return given === undefined ? undefined : pathOf(given, name);
}
