/** The `env:` extensions (siddhi-execution-env): the runtime's properties, client details, resource groups. */
import type { FunctionImpl, HoldingStreamProcessorImpl } from '../../registry/extension-impl.js';
import type { WindowImpl } from '../../windows/window.js';
import { getEnvironmentProperty } from './environment-property.js';
import { getOriginIPFromXForwarded } from './origin-ip.js';
import { resourceBatchWindow } from './resource-batch.js';
import { resourceIdentifier } from './resource-identifier.js';
import { getSystemProperty } from './system-property.js';
import { getUserAgentProperty } from './user-agent.js';
import { getYAMLProperty } from './yaml-property.js';

export const envFunctions: readonly FunctionImpl[] = [
  getEnvironmentProperty,
  getOriginIPFromXForwarded,
  getSystemProperty,
  getUserAgentProperty,
  getYAMLProperty,
];

export const envProcessors: readonly (HoldingStreamProcessorImpl | WindowImpl)[] = [
  resourceIdentifier,
  resourceBatchWindow,
];
