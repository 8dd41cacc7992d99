/** The `file.system.options` parameter every `file:` function takes last. */
import type { ParameterSpec } from '../../../../lang/catalog.js';

export const FILE_SYSTEM_OPTIONS: ParameterSpec = {
  name: 'file.system.options',
  type: ['string'],
  optional: true,
  constantOnly: true,
  defaultValue: "''",
  description:
    'Options of remote file systems in key:value pairs separated by commas (Siddhi passes them to FTP and SFTP). ' +
    'Accepted for compatibility and unused: Tributary reaches only the local file system.',
};
