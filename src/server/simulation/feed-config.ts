/** The feed simulation configuration (WSO2's shape: `properties` and `sources`), validated. */
import type { RandomAttributeConfig } from './random-values.js';
import { SimulationInputError } from './stream-attributes.js';

export interface FeedSourceConfig {
  readonly siddhiAppName: string;
  readonly streamName: string;
  readonly simulationType: 'CSV_SIMULATION' | 'RANDOM_DATA_SIMULATION' | 'DATABASE_SIMULATION';
  /** CSV_SIMULATION: the CSV text itself, or the name of a file uploaded with POST /simulation/files. */
  readonly csv?: string;
  readonly fileName?: string;
  readonly delimiter?: string;
  /** Skip the first line of the CSV. */
  readonly skipHeader?: boolean;
  /** Index of the column holding each event's timestamp (it is then left out of the data). */
  readonly timestampAttribute?: number;
  /** Indices of the columns that make the event, in the stream's attribute order. */
  readonly indices?: readonly number[];
  /** RANDOM_DATA_SIMULATION: one entry per attribute. */
  readonly attributeConfiguration?: readonly RandomAttributeConfig[];
  /** DATABASE_SIMULATION: the table to read, through a JDBC-style URL (as WSO2's `dataSourceLocation`). */
  readonly database?: DatabaseFeedConfig;
}

export interface DatabaseFeedConfig {
  readonly url: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tableName: string;
  /** The columns that make the event, in the stream's attribute order (default: the attributes' names). */
  readonly columns: readonly string[] | undefined;
  /** The column holding each event's timestamp; rows are read in its order. */
  readonly timestampColumn: string | undefined;
}

export interface FeedConfig {
  readonly simulationName: string;
  /** Milliseconds between events (0: as fast as possible). */
  readonly timeInterval: number;
  /** Stop after this many events (needed for random data). */
  readonly noOfEvents: number | undefined;
  readonly sources: readonly FeedSourceConfig[];
}

export function parseFeedConfig(body: unknown): FeedConfig {
  const o = asObject(body, 'the body');
  const props = o['properties'] === undefined ? {} : asObject(o['properties'], "'properties'");
  const sources = o['sources'];
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new SimulationInputError(
      "'sources' must be a non-empty list of {siddhiAppName, streamName, simulationType, ...}",
    );
  }
  const interval = optionalNumber(props['timeInterval'], "'properties.timeInterval'") ?? 1000;
  const noOfEvents = optionalNumber(props['noOfEvents'], "'properties.noOfEvents'");
  return {
    simulationName: typeof props['simulationName'] === 'string' ? props['simulationName'] : '',
    timeInterval: interval,
    noOfEvents,
    sources: sources.map((s: unknown, i) => parseSource(s, i, noOfEvents)),
  };
}

function parseSource(s: unknown, i: number, noOfEvents: number | undefined): FeedSourceConfig {
  const where = `sources[${i}]`;
  const o = asObject(s, where);
  const app = o['siddhiAppName'];
  const stream = o['streamName'];
  const type = o['simulationType'];
  if (typeof app !== 'string' || typeof stream !== 'string') {
    throw new SimulationInputError(`${where} needs 'siddhiAppName' and 'streamName'`);
  }
  if (type !== 'CSV_SIMULATION' && type !== 'RANDOM_DATA_SIMULATION' && type !== 'DATABASE_SIMULATION') {
    throw new SimulationInputError(
      `${where}.simulationType must be CSV_SIMULATION, RANDOM_DATA_SIMULATION or DATABASE_SIMULATION`,
    );
  }
  if (type === 'DATABASE_SIMULATION') {
    return { siddhiAppName: app, streamName: stream, simulationType: type, database: databaseSource(o, where) };
  }
  if (type === 'CSV_SIMULATION' && typeof o['csv'] !== 'string' && typeof o['fileName'] !== 'string') {
    throw new SimulationInputError(
      `${where}: a CSV simulation needs 'csv' (the text) or 'fileName' (an uploaded file)`,
    );
  }
  if (type === 'RANDOM_DATA_SIMULATION') {
    if (!Array.isArray(o['attributeConfiguration'])) {
      throw new SimulationInputError(
        `${where}: a random simulation needs 'attributeConfiguration', one entry per attribute`,
      );
    }
    if (noOfEvents === undefined) {
      throw new SimulationInputError("a random simulation needs 'properties.noOfEvents' (how many events to send)");
    }
  }
  const ts = optionalNumber(o['timestampAttribute'], `${where}.timestampAttribute`);
  const indices =
    typeof o['indices'] === 'string'
      ? o['indices'].split(',').map((x) => Number(x.trim()))
      : Array.isArray(o['indices'])
        ? o['indices'].map(Number)
        : undefined;
  if (indices?.some((x) => !Number.isInteger(x) || x < 0)) {
    throw new SimulationInputError(`${where}.indices must be column numbers from 0`);
  }
  return {
    siddhiAppName: app,
    streamName: stream,
    simulationType: type,
    ...(typeof o['csv'] === 'string' ? { csv: o['csv'] } : {}),
    ...(typeof o['fileName'] === 'string' ? { fileName: o['fileName'] } : {}),
    delimiter: typeof o['delimiter'] === 'string' ? o['delimiter'] : ',',
    skipHeader: o['skipHeader'] === true || o['skipHeader'] === 'true',
    ...(ts !== undefined ? { timestampAttribute: ts } : {}),
    ...(indices ? { indices } : {}),
    ...(Array.isArray(o['attributeConfiguration'])
      ? { attributeConfiguration: o['attributeConfiguration'] as RandomAttributeConfig[] }
      : {}),
  };
}

function databaseSource(o: Record<string, unknown>, where: string): DatabaseFeedConfig {
  const text = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new SimulationInputError(`${where}.${key} must be a string`);
    return v;
  };
  const url = text('dataSourceLocation');
  const tableName = text('tableName');
  if (url === undefined || tableName === undefined) {
    throw new SimulationInputError(
      `${where}: a database simulation needs 'dataSourceLocation' (e.g. jdbc:postgresql://host:5432/db) and 'tableName'`,
    );
  }
  const columns = text('columnNamesList')
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return {
    url,
    username: text('username'),
    password: text('password'),
    tableName,
    columns,
    timestampColumn: text('timestampAttribute'),
  };
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new SimulationInputError(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

function optionalNumber(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new SimulationInputError(`${what} must be a number of at least 0`);
  return n;
}
