/**
 * The type names siddhi-io-http 1.x used before its 2.x renames, accepted so that apps written for WSO2 SI
 * run unchanged: `http-request` (sink) is `http-call`, `http-response` (source) is `http-call-response`,
 * `http-request` (source) is `http-service`, `http-response` (sink) is `http-service-response`.
 * Each old name is the same factory with the same options under another name.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SinkFactory, SourceFactory } from '../../framework/transport.js';
import { httpCallResponseSource } from './http-call-response-source.js';
import { httpCallSink } from './http-call-sink.js';
import { httpServiceResponseSink } from './http-service-response-sink.js';
import { httpServiceSource } from './http-service-source.js';

function renamed<F extends { readonly spec: ExtensionSpec }>(factory: F, oldName: string): F {
  const { name, kind } = factory.spec;
  return {
    ...factory,
    spec: {
      ...factory.spec,
      name: oldName,
      description: `The siddhi-io-http 1.x name of the \`${name}\` ${kind}, kept so that apps written with it run unchanged; use \`${name}\` in new apps. Same options and behaviour: ${factory.spec.description}`,
      examples: [],
    },
  };
}

export const renamedHttpSources: readonly SourceFactory[] = [
  renamed(httpServiceSource, 'http-request'),
  renamed(httpCallResponseSource, 'http-response'),
];

export const renamedHttpSinks: readonly SinkFactory[] = [
  renamed(httpCallSink, 'http-request'),
  renamed(httpServiceResponseSink, 'http-response'),
];
