/** `file:lastModifiedTime(uri[, datetime.format])`: when a file or folder was last changed, as text. */
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { FunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { formatLocal } from '../../../../engine/functions/time/common.js';
import { tokenize } from '../../../../engine/functions/time/java-date-format.js';
import { fileErrors, localPath, reason, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';

const error = fileErrors('FileLastModifiedTimeExtension');
const DEFAULT_FORMAT = 'MM/dd/yyyy HH:mm:ss';

const base = {
  kind: 'function',
  namespace: 'file',
  name: 'lastModifiedTime',
  description:
    'The last modification time of a file or folder, formatted with a Java date pattern in the local zone ' +
    '(UTC, as the time: functions). A path where nothing exists is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The file or folder: a plain path or a file: URI.' },
    {
      name: 'datetime.format',
      type: ['string'],
      optional: true,
      constantOnly: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java (SimpleDateFormat) pattern of the result; an empty one means the default.',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  returns: { type: ['string'], description: 'The modification time in the format.' },
  examples: [
    {
      syntax: 'from FileStream select file:lastModifiedTime(path) as changed insert into Changes;',
      description: "changed is like '12/31/2026 23:59:58'.",
    },
    {
      syntax: "from FileStream select file:lastModifiedTime(path, 'yyyy-MM-dd') as day insert into Changes;",
      description: "day is like '2026-12-31'.",
    },
  ],
} as const satisfies ExtensionSpec;

function formatOf(constant: unknown): string {
  return typeof constant === 'string' && constant.trim() !== '' ? constant : DEFAULT_FORMAT;
}

function formatCheck(_argTypes: readonly unknown[], constants: readonly unknown[]): string | undefined {
  try {
    tokenize(formatOf(constants[1]));
    return undefined;
  } catch (e) {
    return `Illegal datetime.format of file:lastModifiedTime: ${reason(e)}`;
  }
}

export const lastModifiedTime: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, formatCheck) },
  create: (ctx) => {
    const format = formatOf(ctx.constants[1]);
    return (uri) => {
      const path = localPath(uri, 'lastModifiedTime', 'uri', error);
      const st = statOf(path, error);
      if (st === undefined) throw error(`Cannot read the last modified time of ${path}: no such file or folder`);
      return formatLocal(Math.trunc(st.mtimeMs), format, error);
    };
  },
};
