#!/usr/bin/env node
/** The `tributary` command. */
import { Command } from 'commander';
// Sources, sinks and store-backed tables for every command (run, serve, validate, test).
import '../io/install.js';
import '../stores/install.js';
import { runCommand } from './commands/run.js';
import { serveCommand, type ServeOptions } from './commands/serve.js';
import { streamCommand, type StreamOptions } from './commands/stream.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import { tuneFor } from './tune-v8.js';

const program = new Command();
program.name('tributary').description('Streaming integration engine for SiddhiQL apps').version('0.1.0');
// Before a command's action: V8 reads its inlining budgets when it optimizes a function.
program.hook('preAction', (_program, action) => {
  tuneFor(action.name());
});

program
  .command('run')
  .argument('<app>', 'a .siddhi file')
  .option(
    '--events <file>',
    'send the events of a JSON-lines file ({"stream", "data", "timestamp"?} per line), then stop; bad lines are reported as FILE:LINE and skipped (exit code 1)',
  )
  .option('--stream <name>', 'the stream events of --events go to when a line names none')
  .option(
    '--aggregation-time-zone <zone>',
    'time zone of aggregation buckets (Siddhi aggTimeZone; default UTC, or TRIBUTARY_AGGREGATION_TIME_ZONE)',
  )
  .option(
    '--config <file>',
    "a serve config file (or WSO2 SI's deployment.yaml): the refs, datasources and extension settings apps name",
  )
  .description('run an app in the foreground')
  .action(
    async (app: string, opts: { events?: string; stream?: string; aggregationTimeZone?: string; config?: string }) => {
      process.exitCode = await runCommand(app, opts);
    },
  );

program
  .command('validate')
  .argument('<files...>', '.siddhi files')
  .option('--json', 'one JSON object per file')
  .option(
    '--aggregation-time-zone <zone>',
    'time zone of aggregation buckets (Siddhi aggTimeZone; default UTC, or TRIBUTARY_AGGREGATION_TIME_ZONE)',
  )
  .option(
    '--config <file>',
    "a serve config file (or WSO2 SI's deployment.yaml): the refs, datasources and extension settings apps name",
  )
  .description('check apps; prints FILE:LINE:COL message for every problem')
  .action((files: string[], opts: { json?: boolean; aggregationTimeZone?: string; config?: string }) => {
    process.exitCode = validateCommand(files, opts);
  });

program
  .command('test')
  .argument('<paths...>', 'case files (conformance format) or folders of them')
  .option('--json <file>', 'write the results as JSON')
  .option('--filter <text>', 'only cases whose suite/name contains the text')
  .option('--quiet', 'print only the summary')
  .description('run test cases against their apps on the virtual clock')
  .action(async (paths: string[], opts: { json?: string; filter?: string; quiet?: boolean }) => {
    process.exitCode = await testCommand(paths, opts);
  });

program
  .command('serve')
  .option('--config <file>', 'YAML config file (default ./tributary.yaml when present)')
  .option('--port <port>', 'port to listen on (default 9090; env TRIBUTARY_PORT)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1; env TRIBUTARY_HOST)')
  .option('--apps <dir>', 'folder of .siddhi apps, deployed and watched (default ./apps; env TRIBUTARY_APPS)')
  .option('--data-dir <dir>', 'persisted state, error store, admin password (default ./.tributary)')
  .option('--hash-password <password>', 'print the scrypt hash of a password for the config file, then exit')
  .description('run the server: REST API, apps folder, persistence, simulation, metrics')
  .action(async (opts: ServeOptions) => {
    process.exitCode = await serveCommand(opts);
  });

program
  .command('stream')
  .argument('<file>', 'a CSV or JSON-lines file of events')
  .requiredOption('--app <name>', 'the app to stream into')
  .requiredOption('--stream <name>', 'the stream (defined in the app) to stream into')
  .option('--server <url>', 'the server', 'http://127.0.0.1:9090')
  .option('--user <user>', 'user (or env TRIBUTARY_USER)')
  .option('--password <password>', 'password (or env TRIBUTARY_PASSWORD, which stays out of the process list)')
  .option('--token <token>', 'bearer token (or env TRIBUTARY_TOKEN)')
  .option('--batch <n>', 'events per batch (default 500)')
  .option('--format <format>', 'csv or jsonl (default: by the file extension)')
  .option(
    '--header',
    "the CSV file's first line names its columns: they are matched to the stream's attributes by name",
  )
  .option('--producer <id>', 'producer id (default: a hash of the file path, app and stream)')
  .option('--resume', 'skip what this producer already delivered and send the rest')
  .option('--concurrency <n>', 'batches in flight (default 4; the server applies them in order)')
  .option('--retries <n>', 'retries of a failed batch, with exponential backoff (default 10)')
  .option('--retry-delay <ms>', 'first backoff delay, doubled per retry up to 5 s (default 100)')
  .option('--timeout <ms>', 'per request (default 30000)')
  .option('--quiet', 'no progress bar')
  .description('push a file of events into a running server, at least once, each batch applied once')
  .action(async (file: string, opts: StreamOptions) => {
    process.exitCode = await streamCommand(file, opts);
  });

await program.parseAsync();
