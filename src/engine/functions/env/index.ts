/** The `env:` extensions (siddhi-execution-env): the runtime's properties and client details. */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { getEnvironmentProperty } from './environment-property.js';
import { getOriginIPFromXForwarded } from './origin-ip.js';
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
