/**
 * Installs incremental aggregations into the app builder (imported once, from `builtins.ts`):
 * `define aggregation`, aggregation sides of joins, and on-demand reads of aggregations.
 */
import { appExtensions, installIsSource } from '../app/app-extensions.js';
import { installJoinSource } from '../join/join-sources.js';
import { onDemandHooks } from '../on-demand/run-on-demand.js';
import { installOnDemand } from '../table/install.js';
import { aggregationOf } from './app-aggregations.js';
import { defineAggregation } from './define-aggregation.js';
import { aggregationJoinSource } from './join-source.js';
import { queryAggregation } from './on-demand-read.js';

appExtensions.definition.aggregationDefinition = (ext, def) => {
  defineAggregation(ext.ctx, def);
  installOnDemand(ext);
};

installIsSource((ctx, id) => aggregationOf(ctx, id) !== undefined);
installJoinSource(aggregationJoinSource);

const previous = onDemandHooks.aggregation;
onDemandHooks.aggregation = (ctx, q) => previous?.(ctx, q) ?? queryAggregation(ctx, q);
