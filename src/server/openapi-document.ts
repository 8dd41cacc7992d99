/** The OpenAPI 3.0 description of the server's REST API (served at `GET /openapi.json`). */

import { streamIngestPaths } from './ingest/ingest-openapi.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema = ref('Success')): Schema => ({ description, content: json(schema) });
const err = (description: string): Schema => ({ description, content: json(ref('Error')) });
const nameParam = {
  name: 'name',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: "the app's @app:name",
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const appParam = { name: 'app', in: 'path', required: true, schema: { type: 'string' } };
const authErrors = { '401': err('credentials missing or wrong'), '403': err('the user may only read') };
const appText = { required: true, content: { 'text/plain': { schema: { type: 'string' } } } };
const jsonBody = (schema: Schema): Schema => ({ required: true, content: json(schema) });

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tributary server',
      version: '0.1.0',
      description: 'Runs SiddhiQL apps; the paths of WSO2 Streaming Integrator.',
    },
    security: [{ basic: [] }, { bearer: [] }],
    paths: {
      '/siddhi-apps': {
        post: {
          summary: 'Deploy an app',
          requestBody: appText,
          responses: {
            '201': ok('deployed'),
            '400': err('the app is invalid; `errors` lists every problem'),
            '409': err('an app of that name exists'),
            ...authErrors,
          },
        },
        put: {
          summary: 'Update an app (keeping the state of unchanged elements) or deploy it',
          requestBody: appText,
          responses: { '200': ok('updated'), '201': ok('deployed'), '400': err('the app is invalid'), ...authErrors },
        },
        get: {
          summary: 'List app names',
          parameters: [{ name: 'isActive', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': ok('app names', { type: 'array', items: { type: 'string' } }), ...authErrors },
        },
      },
      '/siddhi-apps/{name}': {
        get: {
          summary: "An app's text",
          parameters: [nameParam],
          responses: {
            '200': ok('the app', { type: 'object', properties: { content: { type: 'string' } } }),
            '404': err('no such app'),
            ...authErrors,
          },
        },
        delete: {
          summary: 'Remove an app',
          parameters: [nameParam],
          responses: { '200': ok('removed'), '404': err('no such app'), ...authErrors },
        },
      },
      '/siddhi-apps/{name}/status': {
        get: {
          summary: "An app's status",
          parameters: [nameParam],
          responses: {
            '200': ok('status', {
              type: 'object',
              properties: { status: { type: 'string', enum: ['active', 'inactive'] } },
            }),
            '404': err('no such app'),
            ...authErrors,
          },
        },
      },
      '/siddhi-apps/{name}/backup': {
        post: {
          summary: "Persist the app's state now",
          parameters: [nameParam],
          responses: {
            '200': ok('the revision', { type: 'object', properties: { revision: { type: 'string' } } }),
            '404': err('no such app'),
            ...authErrors,
          },
        },
      },
      '/siddhi-apps/{name}/restore': {
        post: {
          summary: 'Restore a persisted revision (the last one when none is named)',
          parameters: [nameParam, { name: 'revision', in: 'query', schema: { type: 'string' } }],
          responses: { '200': ok('restored'), '404': err('no such app or revision'), ...authErrors },
        },
      },
      '/siddhi-apps/{name}/statistics': {
        get: {
          summary: "An app's statistics",
          parameters: [nameParam],
          responses: { '200': ok('statistics', ref('Statistics')), ...authErrors },
        },
        put: {
          summary: 'Turn statistics on or off',
          parameters: [nameParam],
          requestBody: jsonBody({
            type: 'object',
            properties: { statsEnable: { type: 'boolean' } },
            required: ['statsEnable'],
          }),
          responses: { '200': ok('changed'), ...authErrors },
        },
      },
      ...streamIngestPaths(),
      '/stores/query': {
        post: {
          summary: 'Run an on-demand query (Store API)',
          requestBody: jsonBody({
            type: 'object',
            properties: { appName: { type: 'string' }, query: { type: 'string' } },
            required: ['appName', 'query'],
          }),
          responses: {
            '200': ok('records', {
              type: 'object',
              properties: {
                records: { type: 'array', items: { type: 'array', items: {} } },
                details: {
                  type: 'array',
                  items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } } },
                },
              },
            }),
            '400': err('the query is invalid'),
            ...authErrors,
          },
        },
      },
      '/simulation/single': {
        post: {
          summary: 'Send one event',
          requestBody: jsonBody({
            type: 'object',
            properties: {
              siddhiAppName: { type: 'string' },
              streamName: { type: 'string' },
              timestamp: { type: 'integer' },
              data: { type: 'array', items: {} },
            },
            required: ['siddhiAppName', 'streamName', 'data'],
          }),
          responses: { '200': ok('sent'), '400': err('bad event'), ...authErrors },
        },
      },
      '/simulation/feed': {
        post: {
          summary: 'Start a feed simulation (CSV or random data)',
          requestBody: jsonBody(ref('FeedConfig')),
          responses: { '201': ok('started', ref('FeedProgress')), '400': err('bad configuration'), ...authErrors },
        },
        get: {
          summary: 'List feed simulations',
          responses: { '200': ok('feeds', { type: 'array', items: ref('FeedProgress') }), ...authErrors },
        },
      },
      '/simulation/feed/{id}': {
        get: {
          summary: "A feed's progress; with waitFor, answers once the feed reaches that status",
          parameters: [
            idParam,
            {
              name: 'waitFor',
              in: 'query',
              schema: { type: 'string', enum: ['RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED', 'FAILED', 'FINISHED'] },
            },
          ],
          responses: { '200': ok('progress', ref('FeedProgress')), '404': err('no such feed'), ...authErrors },
        },
      },
      ...Object.fromEntries(
        ['pause', 'resume', 'stop'].map((a) => [
          `/simulation/feed/{id}/${a}`,
          {
            post: {
              summary: `${a[0]!.toUpperCase()}${a.slice(1)} a feed`,
              parameters: [idParam],
              responses: { '200': ok('progress', ref('FeedProgress')), ...authErrors },
            },
          },
        ]),
      ),
      '/simulation/files': {
        post: {
          summary: 'Upload a CSV file for feed simulations',
          parameters: [{ name: 'fileName', in: 'query', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { '201': ok('stored'), ...authErrors },
        },
        get: {
          summary: 'List uploaded files',
          responses: { '200': ok('names', { type: 'array', items: { type: 'string' } }), ...authErrors },
        },
      },
      '/error-store/{app}': {
        get: {
          summary: 'Failed events of an app, with their cause',
          parameters: [appParam],
          responses: { '200': ok('entries'), ...authErrors },
        },
        delete: {
          summary: 'Discard every failed event of an app',
          parameters: [appParam],
          responses: { '200': ok('discarded'), ...authErrors },
        },
      },
      '/error-store/{app}/replay': {
        post: {
          summary: 'Re-send one failed event (id) or all of them into their streams',
          parameters: [appParam],
          requestBody: { content: json({ type: 'object', properties: { id: { type: 'integer' } } }) },
          responses: { '200': ok('replayed'), ...authErrors },
        },
      },
      '/error-store/{app}/{id}': {
        delete: {
          summary: 'Discard one failed event',
          parameters: [appParam, idParam],
          responses: { '200': ok('discarded'), '404': err('no such entry'), ...authErrors },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          security: [],
          responses: {
            '200': { description: 'text format', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness and readiness',
          security: [],
          responses: { '200': ok('ready', { type: 'object' }), '503': ok('not ready', { type: 'object' }) },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { '200': ok('OpenAPI', { type: 'object' }) } },
      },
      '/editor': {
        get: {
          summary: 'The browser editor (HTML page)',
          security: [],
          responses: { '200': { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
      '/editor/assets/{file}': {
        get: {
          summary: "The editor's bundle (web/dist, built by npm run build)",
          security: [],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'the file', content: { 'text/javascript': { schema: { type: 'string' } } } },
            '404': err('no such asset (or the editor is not built)'),
          },
        },
      },
      '/editor/api/catalog': {
        get: {
          summary: 'The extension registry for autocomplete',
          responses: { '200': ok('every extension', ref('EditorCatalog')), ...authErrors },
        },
      },
      '/editor/api/validate': {
        post: {
          summary: 'Check an app as deploy does (parse and semantic check), without deploying it; viewers may call it',
          requestBody: appText,
          responses: {
            '200': ok('the result; ok is false when errors is not empty', ref('ValidationResult')),
            '400': err('no app text'),
            '401': authErrors['401'],
          },
        },
      },
    },
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        EditorCatalog: {
          type: 'object',
          properties: {
            extensions: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  kind: { type: 'string' },
                  namespace: { type: 'string' },
                  name: { type: 'string' },
                  description: { type: 'string' },
                  parameters: { type: 'array', items: ref('CatalogParameter') },
                  options: { type: 'array', items: ref('CatalogParameter') },
                  returns: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        CatalogParameter: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            type: { type: 'array', items: { type: 'string' } },
            description: { type: 'string' },
            optional: { type: 'boolean' },
            defaultValue: { type: 'string' },
          },
        },
        ValidationResult: {
          type: 'object',
          properties: {
            ok: { type: 'boolean' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { line: { type: 'integer' }, column: { type: 'integer' }, message: { type: 'string' } },
              },
            },
          },
        },
        Success: { type: 'object', properties: { type: { type: 'string' }, message: { type: 'string' } } },
        Error: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            message: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { line: { type: 'integer' }, column: { type: 'integer' }, message: { type: 'string' } },
              },
            },
          },
        },
        Statistics: {
          type: 'object',
          properties: {
            appName: { type: 'string' },
            statsEnabled: { type: 'boolean' },
            level: { type: 'string', enum: ['OFF', 'BASIC', 'DETAIL'] },
            uptimeMs: { type: 'integer' },
            errors: { type: 'integer' },
            streams: {
              type: 'object',
              additionalProperties: {
                type: 'object',
                properties: { eventsIn: { type: 'integer' }, throughputPerSecond: { type: 'number' } },
              },
            },
            queries: {
              type: 'object',
              additionalProperties: {
                type: 'object',
                properties: {
                  eventsIn: { type: 'integer' },
                  eventsOut: { type: 'integer' },
                  errors: { type: 'integer' },
                  latency: {
                    type: 'object',
                    description: 'per timed chunk (the first, then one in 16), in milliseconds',
                    properties: {
                      count: { type: 'integer' },
                      meanMs: { type: 'number' },
                      maxMs: { type: 'number' },
                      p50Ms: { type: 'number' },
                      p99Ms: { type: 'number' },
                    },
                  },
                },
              },
            },
            io: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  stream: { type: 'string' },
                  kind: { type: 'string', enum: ['source', 'sink'] },
                  type: { type: 'string' },
                  connected: { type: 'boolean' },
                  messages: { type: 'integer' },
                  events: { type: 'integer' },
                  errors: { type: 'integer' },
                  buffered: { type: 'integer' },
                },
              },
            },
          },
        },
        FeedProgress: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            status: { type: 'string' },
            eventsSent: { type: 'integer' },
            totalEvents: { type: 'integer' },
            error: { type: 'string' },
          },
        },
        FeedConfig: {
          type: 'object',
          properties: {
            properties: {
              type: 'object',
              properties: {
                simulationName: { type: 'string' },
                timeInterval: { type: 'integer', description: 'ms between events' },
                noOfEvents: { type: 'integer' },
              },
            },
            sources: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  siddhiAppName: { type: 'string' },
                  streamName: { type: 'string' },
                  simulationType: {
                    type: 'string',
                    enum: ['CSV_SIMULATION', 'RANDOM_DATA_SIMULATION', 'DATABASE_SIMULATION'],
                  },
                  csv: { type: 'string' },
                  fileName: { type: 'string' },
                  delimiter: { type: 'string' },
                  skipHeader: { type: 'boolean' },
                  timestampAttribute: {
                    type: ['integer', 'string'],
                    description: 'CSV: the column index; database: the column name (rows are read in its order)',
                  },
                  dataSourceLocation: {
                    type: 'string',
                    description: 'database: jdbc:sqlite:<file>, jdbc:postgresql://host:port/db, jdbc:mysql://...',
                  },
                  username: { type: 'string' },
                  password: { type: 'string' },
                  tableName: { type: 'string' },
                  columnNamesList: {
                    type: 'string',
                    description: "database: comma-separated columns in the stream's attribute order",
                  },
                  indices: { type: 'array', items: { type: 'integer' } },
                  attributeConfiguration: { type: 'array', items: { type: 'object' } },
                },
              },
            },
          },
        },
      },
    },
  };
}
