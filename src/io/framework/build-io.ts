/**
 * Builds the sources and sinks of one stream definition from its `@source` / `@sink` annotations, at app
 * creation: looks up the transport and mapper in the registry, checks options (errors carry the
 * annotation's line and column), and ties their start and shutdown to the app's.
 */
import type { AppExtensionContext } from '../../engine/app/app-extensions.js';
import type { Attribute } from '../../engine/app/app-context.js';
import type { ExtensionRegistry } from '../../engine/registry/registry.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { Annotation, Span, StreamDefinition } from '../../lang/ast.js';
import type { ExtensionKind } from '../../lang/catalog.js';
import { CompileError } from '../../plan/expression/compile.js';
import { MapperConfigError, type SinkMapperFactory, type SourceMapperFactory } from '../mappers/mapper.js';
import { resolveAttributeMappings } from '../mappers/shared/attribute-mappings.js';
import { backoffFrom } from './backoff.js';
import { strategyOf, type DistributionStrategy } from './distribution.js';
import { compileDynamic, isDynamic, type DynamicValue } from './dynamic-option.js';
import { ioAnnotations, readIoConfig, type IoConfig } from './io-config.js';
import { newIoHandles, registerIoHandles, releaseIoHandles, type IoHandles } from './io-handles.js';
import { SinkRuntime, type SinkDestination, type SinkErrorAction } from './sink-runtime.js';
import { SourceRuntime } from './source-runtime.js';
import { optionReader, type SinkFactory, type SourceFactory } from './transport.js';
import { checkOptions, unusedOptions } from './validate-options.js';

const handlesOf = new WeakMap<AppExtensionContext['ctx'], IoHandles>();

function appHandles(ext: AppExtensionContext): IoHandles {
  let h = handlesOf.get(ext.ctx);
  if (!h) {
    const created = newIoHandles(ext.ctx.name);
    handlesOf.set(ext.ctx, created);
    ext.hooks.onShutdown.push(() => releaseIoHandles(created));
    ext.hooks.onStart.push(() => registerIoHandles(created));
    h = created;
  }
  return h;
}

function lookup<I>(registry: ExtensionRegistry, kind: ExtensionKind, type: string, span: Span, what: string): I {
  const colon = type.indexOf(':');
  const ns = colon >= 0 ? type.slice(0, colon) : '';
  const name = colon >= 0 ? type.slice(colon + 1) : type;
  const impl = registry.implementation<I>(kind, ns, name);
  if (impl === undefined) {
    const known = registry
      .list(kind)
      .map((s) => (s.namespace ? `${s.namespace}:${s.name}` : s.name))
      .join(', ');
    throw new CompileError(
      type === ''
        ? `${what} needs a type, e.g. type='${known.split(', ')[0] ?? ''}'`
        : `no ${what} of type '${type}'; known types are ${known}`,
      span,
    );
  }
  return impl;
}

function attributesOf(def: StreamDefinition): Attribute[] {
  return def.attributes.map((a) => ({ name: a.name, type: a.type }));
}

function onErrorAction(def: StreamDefinition): string {
  const a = def.annotations.find((x) => x.name.toLowerCase() === 'onerror');
  return (a?.elements.find((e) => e.key?.toLowerCase() === 'action')?.value ?? 'LOG').toUpperCase();
}

/** Runs `f`, turning a mapper's or transport's configuration error into a `CompileError` at `span`. */
function at<T>(span: Span, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CompileError) throw e;
    if (e instanceof MapperConfigError || e instanceof Error) throw new CompileError(e.message, span);
    throw new CompileError(String(e), span);
  }
}

export function buildStreamIo(ext: AppExtensionContext, def: StreamDefinition): void {
  for (const { a, kind } of ioAnnotations(def.annotations)) {
    const cfg = readIoConfig(a, kind);
    if (kind === 'source') buildSource(ext, def, cfg);
    else buildSink(ext, def, cfg, a);
  }
}

function buildSource(ext: AppExtensionContext, def: StreamDefinition, cfg: IoConfig): void {
  const { ctx } = ext;
  const factory = lookup<SourceFactory>(ctx.registry, 'source', cfg.type, cfg.span, 'source');
  checkOptions(factory.spec, 'source', cfg.options, cfg.span);
  warnUnused(
    ctx.logger,
    `source '${factory.spec.name}' of stream '${def.id}'`,
    unusedOptions(factory.spec, cfg.options),
  );
  const mf = lookup<SourceMapperFactory>(ctx.registry, 'sourceMapper', cfg.map.type, cfg.map.span, 'source mapper');
  checkOptions(mf.spec, 'source mapper', cfg.map.options, cfg.map.span);
  warnUnused(
    ctx.logger,
    `source mapper '${mf.spec.name}' of stream '${def.id}'`,
    unusedOptions(mf.spec, cfg.map.options),
  );
  const attributes = attributesOf(def);
  const mapperConfig = {
    streamId: def.id,
    attributes,
    options: cfg.map.options,
    ...(cfg.map.attributeMappings ? { attributeMappings: cfg.map.attributeMappings } : {}),
  };
  // `@attributes` must map the whole stream whatever the mapper (Siddhi checks it before any mapper
  // sees it), so even mappers that ignore custom mappings, like passThrough, reject a partial one.
  at(cfg.map.span, () => resolveAttributeMappings(mapperConfig, cfg.map.type));
  const mapper = at(cfg.map.span, () => mf.create(mapperConfig));
  const junction = ctx.junctions.get(def.id);
  if (!junction) throw new CompileError(`stream '${def.id}' has no junction`, cfg.span);
  const options = optionReader(cfg.options);
  const runtime = at(
    cfg.span,
    () =>
      new SourceRuntime({
        appName: ctx.name,
        streamId: def.id,
        attributes,
        type: factory.spec.name,
        mapType: mf.spec.name,
        options,
        factory,
        mapper,
        junction,
        scheduler: ctx.scheduler,
        pollScheduler: ctx.pollScheduler,
        logger: ctx.logger,
        errorStore: ctx.errorStore,
        backoff: backoffFrom(options),
        onError: onErrorAction(def),
        keepState: (state) => {
          // keyed by the stream and the source's place among its sources: alike in every build of the app
          let n = 0;
          while (ctx.stateful.has(`io/source/${def.id}/${n}`)) n++;
          ctx.stateful.set(`io/source/${def.id}/${n}`, state);
        },
      }),
  );
  const h = appHandles(ext);
  h.sources.push(runtime);
  ext.hooks.onStart.push(() => runtime.start());
  ext.hooks.onShutdown.push(() => runtime.stop());
}

const ERROR_ACTIONS: readonly SinkErrorAction[] = ['LOG', 'WAIT', 'STREAM', 'STORE'];

function buildSink(ext: AppExtensionContext, def: StreamDefinition, cfg: IoConfig, a: Annotation): void {
  const { ctx } = ext;
  const factory = lookup<SinkFactory>(ctx.registry, 'sink', cfg.type, cfg.span, 'sink');
  const mf = lookup<SinkMapperFactory>(ctx.registry, 'sinkMapper', cfg.map.type, cfg.map.span, 'sink mapper');
  checkOptions(mf.spec, 'sink mapper', cfg.map.options, cfg.map.span);
  const attributes = attributesOf(def);
  const logger = ctx.logger.child({ sink: factory.spec.name, stream: def.id });
  warnUnused(logger, `sink mapper '${mf.spec.name}' of stream '${def.id}'`, unusedOptions(mf.spec, cfg.map.options));
  const mapper = at(cfg.map.span, () =>
    mf.create({
      streamId: def.id,
      attributes,
      options: cfg.map.options,
      ...(cfg.map.payload ? { payload: cfg.map.payload } : {}),
      onError: (e) =>
        logger.error(`sink mapper '${mf.spec.name}' dropped a message: ${e.message}`, { payload: e.payload }),
    }),
  );
  const action = (
    cfg.options.get('on.error') ??
    [...cfg.options].find(([k]) => k.toLowerCase() === 'on.error')?.[1] ??
    'LOG'
  ).toUpperCase();
  const onError = ERROR_ACTIONS.find((x) => x === action);
  if (!onError) throw new CompileError(`sink on.error='${action}' is not one of ${ERROR_ACTIONS.join(', ')}`, cfg.span);

  let strategy: DistributionStrategy = 'none';
  let optionSets: ReadonlyMap<string, string>[] = [cfg.options];
  let partition: number | undefined;
  const dist = cfg.distribution;
  if (dist) {
    const s = strategyOf(dist.strategy);
    if (!s) {
      throw new CompileError(
        `@distribution strategy '${dist.strategy}' is not one of roundRobin, broadcast, partitioned`,
        dist.span,
      );
    }
    strategy = s;
    if (dist.destinations.length === 0)
      throw new CompileError('@distribution needs at least one @destination(...)', dist.span);
    optionSets = dist.destinations.map((d) => new Map([...cfg.options, ...d]));
    if (s === 'partitioned') {
      const key = [...dist.options].find(([k]) => k.toLowerCase() === 'partitionkey')?.[1];
      if (key === undefined)
        throw new CompileError("@distribution(strategy='partitioned') needs partitionKey='<attribute>'", dist.span);
      partition = attributes.findIndex((x) => x.name === key);
      if (partition < 0) {
        throw new CompileError(`partitionKey '${key}' is not an attribute of stream '${def.id}'`, dist.span);
      }
    }
  }

  const groupBy: DynamicValue[] = [];
  const ref: { runtime?: SinkRuntime } = {};
  warnUnused(
    logger,
    `sink '${factory.spec.name}' of stream '${def.id}'`,
    unusedOptions(factory.spec, new Map(optionSets.flatMap((o) => [...o]))),
  );
  const destinations: SinkDestination[] = optionSets.map((opts, index) => {
    checkOptions(factory.spec, 'sink', opts, cfg.span);
    const dynamic = new Map<string, DynamicValue>();
    const dynamicNames = new Set<string>();
    for (const [k, v] of opts) {
      if (!isDynamic(v)) continue;
      const d = at(cfg.span, () => compileDynamic(v, attributes, def.id));
      dynamic.set(k.toLowerCase(), d);
      dynamicNames.add(k);
      groupBy.push(d);
    }
    const options = optionReader(opts);
    const transport = at(cfg.span, () =>
      factory.create({
        appName: ctx.name,
        streamId: def.id,
        attributes,
        mapType: mf.spec.name,
        options,
        logger,
        dynamicOptions: dynamicNames,
        connectionLost: (e) => ref.runtime?.connectionLost(index, e),
      }),
    );
    return { transport, options, dynamic };
  });

  let faultJunction;
  if (onError === 'STREAM') {
    faultJunction =
      ctx.junctions.get(`!${def.id}`) ??
      ctx.junctionFor(`!${def.id}`, [...attributes, { name: '_error', type: 'object' }]);
  }
  const junction = ctx.junctions.get(def.id);
  if (!junction) throw new CompileError(`stream '${def.id}' has no junction`, a.span);
  const h = appHandles(ext);
  const runtime = new SinkRuntime({
    appName: ctx.name,
    streamId: def.id,
    type: factory.spec.name,
    mapper,
    junction,
    destinations,
    strategy,
    ...(partition !== undefined ? { partitionIndex: partition } : {}),
    groupBy,
    onError,
    ...(faultJunction ? { faultJunction } : {}),
    logger: ctx.logger,
    errorStore: ctx.errorStore,
    backoff: backoffFrom(optionReader(cfg.options)),
    now: () => ctx.scheduler.now(),
    onBlocked: (blocked) => (blocked ? h.pause() : h.resume()),
  });
  ref.runtime = runtime;
  h.sinks.push(runtime);
  ext.hooks.onStart.push(() => runtime.start());
  ext.hooks.onShutdown.push(() => runtime.stop());
}

function warnUnused(logger: Logger, what: string, unused: readonly string[]): void {
  if (unused.length === 0) return;
  logger.warn(`${what}: option(s) ${unused.join(', ')} not used by Tributary (ignored)`);
}
