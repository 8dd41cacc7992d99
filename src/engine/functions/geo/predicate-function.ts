/**
 * What `geo:within`, `geo:intersects` and `geo:withinDistance` share: a location (longitude and latitude,
 * or a GeoJSON geometry), a geometry fence, for withinDistance a distance in metres, and a JTS predicate.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { checkGeoCall, fenceOf, geoErrors, locationReader, shapeAt } from './geo-args.js';
import { TO_DEGREE, type Fence } from './geometry.js';
import type { Geometry } from './jsts.js';

export interface PredicateDefinition {
  /** The spec, without its validation. */
  readonly spec: ExtensionSpec;
  /** The Java class the extension's errors name, under org.wso2.extension.siddhi.gpl.execution.geo. */
  readonly javaClass: string;
  /** Whether the last argument is a distance in metres (geo:withinDistance). */
  readonly withDistance: boolean;
  /** The predicate of the location and the fence; `degrees` is the distance turned into degrees. */
  readonly test: (location: Geometry, fence: Fence, degrees: number) => boolean;
}

export function predicateFunction(def: PredicateDefinition): FunctionImpl {
  const error = geoErrors(def.javaClass);
  const fn = `geo:${def.spec.name}() function`;
  return {
    spec: {
      ...def.spec,
      validate: (types, constants) =>
        checkGeoCall(def.spec, types, constants, 0, types.length - (def.withDistance ? 1 : 0)),
    },
    create: (ctx) => {
      const shape = shapeAt(ctx.argTypes, 0);
      const location = locationReader(ctx.constants, 0, shape, error, fn);
      const fenceAt = fenceOf(ctx.constants, shape.point ? 2 : 1, error, fn);
      const degrees = (metres: unknown): number => {
        if (!def.withDistance) return 0;
        if (typeof metres !== 'number') throw error(`Invalid input given to ${fn}. The distance cannot be null`);
        return metres / TO_DEGREE;
      };
      const test = def.test;
      return shape.point
        ? (longitude, latitude, fence, metres) => test(location(longitude, latitude), fenceAt(fence), degrees(metres))
        : (geometry, fence, metres) => test(location(geometry, undefined), fenceAt(fence), degrees(metres));
    },
  };
}

/** What the predicate functions' descriptions say about their calls, beside Siddhi's. */
export const OVERLOAD_NOTE =
  'Siddhi 5.1 itself refuses the calls with fewer than four arguments at app creation (its annotation check counts every parameter the extension documents as mandatory); Tributary runs the calls the extension implements. ' +
  "Arguments past those of a call shape are refused (the Java extension ignores them). A constant geometry that is not GeoJSON is an app creation error; a null argument, or a geometry attribute that is not GeoJSON, is an error for the event (Siddhi fails with a NullPointerException or the GeoJSON reader's error).";
