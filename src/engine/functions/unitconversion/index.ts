/** The `unitconversion:` function library (Siddhi's siddhi-execution-unitconversion). */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { conversionFunction } from './conversion-function.js';
import { CONVERSIONS } from './conversions.js';

export const unitConversionFunctions: readonly FunctionImpl[] = CONVERSIONS.map(conversionFunction);
