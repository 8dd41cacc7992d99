/** The spec of `@source(type='file')`: its options, with siddhi-io-file's names and defaults, and examples. */
import type { ExtensionSpec } from '../../../lang/catalog.js';

export const fileSourceSpec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'file',
  description:
    'Reads events from a file (`file.uri`) or from every file put into a directory (`dir.uri`): whole files, chunks of bytes, lines or regex-delimited records, optionally tailing a file for appended lines. Every message carries the transport properties `file.path`, `file.name` and `eof` (true for the last message of a file; false while tailing).',
  parameters: [],
  options: [
    { name: 'file.uri', type: ['string'], optional: true, description: 'The file to read (file:///path or a path).' },
    {
      name: 'dir.uri',
      type: ['string'],
      optional: true,
      description: 'The directory whose files are read, in name order.',
    },
    {
      name: 'mode',
      type: ['string'],
      optional: true,
      defaultValue: 'TEXT.FULL',
      description:
        'TEXT.FULL (a file is one message), BINARY.FULL (a file is one message of bytes), BINARY.CHUNKED (a file is a message of bytes per `buffer.size` bytes, with the transport properties `file.name`, `content.length` (the whole file), `sequence.number` (from 1) and `eof`), LINE or REGEX (with neither begin.regex nor end.regex, REGEX reads lines).',
    },
    {
      name: 'tailing',
      type: ['bool'],
      optional: true,
      defaultValue: 'true for LINE and REGEX, else false',
      description:
        'LINE and REGEX with file.uri: keep reading lines appended to the file. It cannot be true in the other modes.',
    },
    {
      name: 'buffer.size',
      type: ['int'],
      optional: true,
      defaultValue: '65536',
      description: 'BINARY.CHUNKED: the bytes of each message (the last of a file may have fewer).',
    },
    {
      name: 'action.after.process',
      type: ['string'],
      optional: true,
      defaultValue: 'DELETE',
      description:
        'What happens to a file once read (not tailed): DELETE, MOVE (to move.after.process) or KEEP (NONE, as siddhi-io-file names it, is KEEP).',
    },
    {
      name: 'move.after.process',
      type: ['string'],
      optional: true,
      description: 'With MOVE: the directory (or, for file.uri, the file) processed files go to.',
    },
    { name: 'begin.regex', type: ['string'], optional: true, description: 'REGEX mode: where a record begins.' },
    { name: 'end.regex', type: ['string'], optional: true, description: 'REGEX mode: where a record ends.' },
    {
      name: 'header.present',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'LINE: the first `header.line.count` lines of a file are a header, not read.',
    },
    {
      name: 'header.line.count',
      type: ['int'],
      optional: true,
      defaultValue: '1',
      description: 'LINE with header.present: how many lines the header has.',
    },
    {
      name: 'read.only.header',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'LINE, not tailing: read only the first line of each file.',
    },
    {
      name: 'read.only.trailer',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'LINE, not tailing: read only the last line of each file.',
    },
    {
      name: 'skip.trailer',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'LINE, not tailing: do not read the last line of each file (its `eof` is on the line before).',
    },
    {
      name: 'action.after.failure',
      type: ['string'],
      optional: true,
      defaultValue: 'KEEP',
      description:
        "What happens to a file that could not be read or moved: KEEP (left where it is, not tried again until the app restarts), DELETE or MOVE (to move.after.failure). siddhi-io-file's default is DELETE; Tributary keeps the file, so that nothing is lost.",
    },
    {
      name: 'move.after.failure',
      type: ['string'],
      optional: true,
      description: 'With action.after.failure MOVE: the directory (or, for file.uri, the file) failed files go to.',
    },
    {
      name: 'move.if.exist.mode',
      type: ['string'],
      optional: true,
      description:
        "With action.after.process MOVE, when the target is there already: OVERWRITE it, or KEEP both (the moved file gets '_' and a UUID appended). Without it, the move fails (see action.after.failure).",
    },
    {
      name: 'file.name.pattern',
      type: ['string'],
      optional: true,
      description: 'dir.uri: read only the files whose whole name matches this Java regular expression.',
    },
    {
      name: 'cron.expression',
      type: ['string'],
      optional: true,
      description:
        "Read the file (or the directory's files) when this Quartz cron expression fires (`'*/5 * * * * ?'`), instead of polling. Not with tailing.",
    },
    {
      name: 'file.read.wait.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '1000',
      description: 'Accepted for siddhi-io-file apps; Tributary reads a file in one go and does not use it.',
    },
    {
      name: 'file.system.options',
      type: ['string'],
      optional: true,
      description:
        'Accepted for siddhi-io-file apps; it configures remote file systems, and Tributary reads local files only.',
    },
    {
      name: 'file.polling.interval',
      type: ['long'],
      optional: true,
      defaultValue: '1000',
      description: 'Milliseconds between checks of a tailed file (or a file.uri not yet there).',
    },
    {
      name: 'dir.polling.interval',
      type: ['long'],
      optional: true,
      defaultValue: '1000',
      description: 'Milliseconds between checks of dir.uri for new files.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='file', file.uri='file:///var/log/sweets.csv', mode='LINE', tailing='true', @map(type='csv'))\ndefine stream SweetStream (name string, amount double);",
      description: 'Each line of the file (and each line appended later) is one event.',
    },
    {
      syntax:
        "@source(type='file', dir.uri='file:///in', action.after.process='MOVE', move.after.process='file:///done', @map(type='json'))\ndefine stream S (name string, amount double);",
      description: 'Each JSON file dropped into /in is read and then moved to /done.',
    },
    {
      syntax:
        "@source(type='file', mode='binary.chunked', dir.uri='file:///in', buffer.size='4096', @map(type='binaryPassThrough', @attributes(buffer='0', eof='trp:eof', fileName='trp:file.name', sequenceNumber='trp:sequence.number', length='trp:content.length')))\ndefine stream Chunks (buffer object, eof bool, fileName string, sequenceNumber int, length int);",
      description:
        'Each file dropped into /in arrives as events of up to 4096 bytes, numbered from 1, the last with eof true.',
    },
  ],
};
