/**
 * A running feed simulation: reads events from CSV text, database rows (read beforehand) or random generators
 * and sends them into
 * their streams, one event per source every `timeInterval` ms (in batches when the interval is 0).
 * It can be paused, resumed and stopped; its progress is observable.
 */
import { EventEmitter } from 'node:events';
import { parse } from 'csv-parse/sync';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import type { DatabaseRow } from './database-rows.js';
import type { FeedConfig, FeedSourceConfig } from './feed-config.js';
import { randomGenerator } from './random-values.js';
import { convertEvent, SimulationInputError, streamAttributes } from './stream-attributes.js';

/** What a feed reads besides its configuration: uploaded CSV files, and the rows of its database sources. */
export interface FeedInputs {
  readFile(name: string): string;
  readonly tableRows: ReadonlyMap<FeedSourceConfig, readonly DatabaseRow[]>;
}

export type FeedStatus = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'COMPLETED' | 'FAILED';

interface SourceCursor {
  readonly app: string;
  readonly stream: string;
  next(): { timestamp: number | undefined; data: unknown[] } | undefined;
}

export interface FeedProgress {
  readonly id: string;
  readonly simulationName: string;
  readonly status: FeedStatus;
  readonly eventsSent: number;
  readonly totalEvents: number | undefined;
  readonly error: string | undefined;
}

const BATCH = 500;

export class FeedSimulation extends EventEmitter {
  private statusValue: FeedStatus = 'RUNNING';
  private sent = 0;
  private error: string | undefined;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private readonly cursors: SourceCursor[];
  private readonly total: number | undefined;

  constructor(
    readonly id: string,
    private readonly config: FeedConfig,
    private readonly runtimeOf: (app: string) => SiddhiAppRuntime | undefined,
    inputs: FeedInputs,
  ) {
    super();
    const counts: number[] = [];
    this.cursors = config.sources.map((s) => this.cursor(s, inputs, counts));
    const csvTotal = counts.length === config.sources.length ? counts.reduce((a, b) => a + b, 0) : undefined;
    this.total =
      config.noOfEvents !== undefined && csvTotal !== undefined
        ? Math.min(config.noOfEvents, csvTotal)
        : (config.noOfEvents ?? csvTotal);
  }

  get status(): FeedStatus {
    return this.statusValue;
  }

  progress(): FeedProgress {
    return {
      id: this.id,
      simulationName: this.config.simulationName,
      status: this.statusValue,
      eventsSent: this.sent,
      totalEvents: this.total,
      error: this.error,
    };
  }

  /** Sends the first event now, then goes on on the timer. */
  start(): void {
    this.run();
  }

  pause(): void {
    if (this.statusValue !== 'RUNNING') return;
    this.cancel();
    this.setStatus('PAUSED');
  }

  resume(): void {
    if (this.statusValue !== 'PAUSED') return;
    this.setStatus('RUNNING');
    this.schedule();
  }

  stop(): void {
    if (this.statusValue !== 'RUNNING' && this.statusValue !== 'PAUSED') return;
    this.cancel();
    this.setStatus('STOPPED');
  }

  get finished(): boolean {
    return this.statusValue === 'STOPPED' || this.statusValue === 'COMPLETED' || this.statusValue === 'FAILED';
  }

  private run(): void {
    this.timer = undefined;
    if (this.statusValue !== 'RUNNING') return;
    const rounds = this.config.timeInterval === 0 ? BATCH : 1;
    try {
      for (let i = 0; i < rounds; i++) {
        if (!this.tick()) {
          this.setStatus('COMPLETED');
          return;
        }
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.setStatus('FAILED');
      return;
    }
    this.schedule();
  }

  /** Sends the next event of every source; false when there is nothing more to send. */
  private tick(): boolean {
    let any = false;
    for (const c of this.cursors) {
      if (this.total !== undefined && this.sent >= this.total) return false;
      const e = c.next();
      if (!e) continue;
      const runtime = this.runtimeOf(c.app);
      if (!runtime) throw new SimulationInputError(`app '${c.app}' is no longer deployed`);
      const handler = runtime.getInputHandler(c.stream);
      if (e.timestamp !== undefined) handler.send(e.timestamp, e.data);
      else handler.send(e.data);
      this.sent++;
      any = true;
    }
    return any && (this.total === undefined || this.sent < this.total);
  }

  private schedule(): void {
    this.timer =
      this.config.timeInterval === 0
        ? setImmediate(() => this.run())
        : setTimeout(() => this.run(), this.config.timeInterval);
  }

  private cancel(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
  }

  private setStatus(s: FeedStatus): void {
    this.statusValue = s;
    this.emit('status', s);
  }

  private cursor(s: FeedSourceConfig, inputs: FeedInputs, counts: number[]): SourceCursor {
    const runtime = this.runtimeOf(s.siddhiAppName);
    if (!runtime) throw new SimulationInputError(`there is no deployed Siddhi app named '${s.siddhiAppName}'`);
    if (!runtime.getStreamNames().includes(s.streamName)) {
      throw new SimulationInputError(
        `app '${s.siddhiAppName}' has no stream '${s.streamName}'; its streams are ${runtime.getStreamNames().join(', ')}`,
      );
    }
    const attrs = streamAttributes(runtime, s.streamName);
    const base = { app: s.siddhiAppName, stream: s.streamName };
    if (s.simulationType === 'RANDOM_DATA_SIMULATION') {
      const cfgs = s.attributeConfiguration ?? [];
      if (!attrs || cfgs.length !== attrs.length) {
        throw new SimulationInputError(
          `stream '${s.streamName}' has ${attrs?.length ?? 'unknown'} attributes; 'attributeConfiguration' has ${cfgs.length} entries`,
        );
      }
      const gens = cfgs.map((c, i) => randomGenerator(c, attrs[i]!));
      return { ...base, next: () => ({ timestamp: undefined, data: gens.map((g) => g()) }) };
    }
    if (s.simulationType === 'DATABASE_SIMULATION') {
      const rows = inputs.tableRows.get(s) ?? [];
      const events = rows.map((r, i) => {
        try {
          // SQLite and MySQL keep booleans as the numbers 1 and 0.
          const values = r.values.map((v, j) =>
            attrs?.[j]?.type === 'bool' && (v === 0 || v === 1 || v === 0n || v === 1n) ? Number(v) === 1 : v,
          );
          return { timestamp: r.timestamp, data: convertEvent(values, attrs, s.streamName) };
        } catch (e) {
          throw new SimulationInputError(`row ${i + 1} of table '${s.database?.tableName}': ${(e as Error).message}`);
        }
      });
      counts.push(events.length);
      let at = 0;
      return { ...base, next: () => events[at++] };
    }
    const text = s.csv ?? inputs.readFile(s.fileName!);
    let rows: string[][];
    try {
      rows = parse(text, {
        delimiter: s.delimiter ?? ',',
        from_line: s.skipHeader ? 2 : 1,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      }) as string[][];
    } catch (e) {
      throw new SimulationInputError(`the CSV of stream '${s.streamName}' does not parse: ${(e as Error).message}`);
    }
    const events = rows.map((row, i) => {
      const ts = s.timestampAttribute;
      const cols = s.indices ?? row.map((_, j) => j).filter((j) => j !== ts);
      try {
        const timestamp = ts !== undefined ? Number(row[ts]) : undefined;
        if (timestamp !== undefined && !Number.isFinite(timestamp)) {
          throw new SimulationInputError(`column ${ts} holds ${JSON.stringify(row[ts!])}, not a timestamp`);
        }
        return {
          timestamp,
          data: convertEvent(
            cols.map((j) => row[j] ?? null),
            attrs,
            s.streamName,
          ),
        };
      } catch (e) {
        throw new SimulationInputError(`CSV line ${i + (s.skipHeader ? 2 : 1)}: ${(e as Error).message}`);
      }
    });
    counts.push(events.length);
    let at = 0;
    return { ...base, next: () => events[at++] };
  }
}
