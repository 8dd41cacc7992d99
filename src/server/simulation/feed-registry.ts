/** The feed simulations of the server by id, and the CSV files uploaded for them (`<dataDir>/csv-files`). */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import { readDatabaseRows, type DatabaseRow } from './database-rows.js';
import type { FeedConfig, FeedSourceConfig } from './feed-config.js';
import { FeedSimulation } from './feed-simulation.js';
import { SimulationInputError, streamAttributes } from './stream-attributes.js';

export class FeedRegistry {
  private readonly feeds = new Map<string, FeedSimulation>();

  constructor(
    private readonly csvDir: string,
    private readonly runtimeOf: (app: string) => SiddhiAppRuntime | undefined,
  ) {}

  /** Reads the database sources' rows first, then starts sending. */
  async start(config: FeedConfig): Promise<FeedSimulation> {
    const tableRows = new Map<FeedSourceConfig, DatabaseRow[]>();
    for (const s of config.sources) {
      const runtime = this.runtimeOf(s.siddhiAppName);
      const attrs = runtime && s.database ? streamAttributes(runtime, s.streamName) : undefined;
      // Without the app or stream, the simulation's constructor refuses the source with the reason.
      if (s.database && attrs)
        tableRows.set(
          s,
          await readDatabaseRows(
            s.database,
            attrs.map((a) => a.name),
          ),
        );
    }
    const feed = new FeedSimulation(randomUUID(), config, this.runtimeOf, {
      readFile: (name) => this.readCsv(name),
      tableRows,
    });
    this.feeds.set(feed.id, feed);
    feed.start();
    return feed;
  }

  get(id: string): FeedSimulation | undefined {
    return this.feeds.get(id);
  }

  list(): FeedSimulation[] {
    return [...this.feeds.values()];
  }

  stopAll(): void {
    for (const f of this.feeds.values()) f.stop();
  }

  saveCsv(name: string, text: string): void {
    mkdirSync(this.csvDir, { recursive: true });
    writeFileSync(join(this.csvDir, checkName(name)), text);
  }

  csvFiles(): string[] {
    try {
      return readdirSync(this.csvDir).sort();
    } catch {
      return [];
    }
  }

  deleteCsv(name: string): boolean {
    const files = this.csvFiles();
    if (!files.includes(checkName(name))) return false;
    rmSync(join(this.csvDir, name));
    return true;
  }

  private readCsv(name: string): string {
    try {
      return readFileSync(join(this.csvDir, checkName(name)), 'utf8');
    } catch {
      throw new SimulationInputError(
        `no uploaded CSV file '${name}'; upload it with POST /simulation/files?fileName=${name}`,
      );
    }
  }
}

function checkName(name: string): string {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) {
    throw new SimulationInputError(`file name '${name}' may hold only letters, digits, '_', '-' and '.'`);
  }
  return name;
}
