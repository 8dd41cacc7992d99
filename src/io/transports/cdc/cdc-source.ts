/**
 * `@source(type='cdc')`: change data capture of a PostgreSQL or MariaDB/MySQL table, by reading the change
 * log (mode='listening', the default as in Siddhi) or by polling the table (mode='polling').
 */
import type { SourceFactory } from '../../framework/transport.js';
import { CdcListeningSource } from './cdc-listening-source.js';
import { CdcPollingSource } from './cdc-polling-source.js';
import { cdcSpec } from './cdc-spec.js';

export const cdcSource: SourceFactory = {
  spec: cdcSpec,
  create: (ctx) => {
    const mode = ctx.options.getOr('mode', 'listening').trim().toLowerCase();
    if (mode === 'listening') return new CdcListeningSource(ctx);
    if (mode === 'polling') return new CdcPollingSource(ctx);
    throw new Error(`cdc mode '${mode}' is not 'listening' or 'polling'`);
  },
};
