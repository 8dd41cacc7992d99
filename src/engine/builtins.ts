/** The registry of every built-in extension, built once. */
import { builtinAggregators } from './aggregators/index.js';
import { coreFunctions } from './functions/core/index.js';
import { coreStreamFunctions } from './functions/core/stream/index.js';
import { envFunctions, envProcessors } from './functions/env/index.js';
import { geoFunctions, geoProcessors } from './functions/geo/index.js';
import { jsonFunctions } from './functions/json/index.js';
import { listFunctions } from './functions/list/index.js';
import { mapFunctions } from './functions/map/index.js';
import { mathFunctions } from './functions/math/index.js';
import { regexFunctions } from './functions/regex/index.js';
import { reorderProcessors } from './functions/reorder/index.js';
import { strFunctions } from './functions/str/index.js';
import { streamingmlProcessors } from './functions/streamingml/index.js';
import { timeFunctions } from './functions/time/index.js';
import { unitConversionFunctions } from './functions/unitconversion/index.js';
import { ExtensionRegistry } from './registry/registry.js';
import { builtinWindows } from './windows/index.js';
import { uniqueWindows } from './windows/unique/index.js';
import './table/install.js';
import './named-window/install.js';
import './pattern/install.js';
import './partition/install.js';
import './join/install.js';
import './aggregation/install.js';

let registry: ExtensionRegistry | undefined;

export function builtinRegistry(): ExtensionRegistry {
  if (!registry) {
    registry = new ExtensionRegistry()
      .registerAll(builtinAggregators)
      .registerAll(coreFunctions)
      .registerAll(coreStreamFunctions)
      .registerAll(builtinWindows)
      .registerAll(strFunctions)
      .registerAll(mathFunctions)
      .registerAll(timeFunctions)
      .registerAll(jsonFunctions)
      .registerAll(regexFunctions)
      .registerAll(mapFunctions)
      .registerAll(listFunctions)
      .registerAll(unitConversionFunctions)
      .registerAll(geoFunctions)
      .registerAll(geoProcessors)
      .registerAll(uniqueWindows)
      .registerAll(reorderProcessors)
      .registerAll(streamingmlProcessors)
      .registerAll(envFunctions)
      .registerAll(envProcessors);
  }
  return registry;
}
