/**
 * The arguments the geo: extensions share, read as the Java extension's GeoOperation reads them: a
 * location is either two doubles (longitude, then latitude) or one GeoJSON geometry string, and may be
 * followed by a geometry fence string. A constant fence is read once, at app creation; a fence that is an
 * attribute is read for each event.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec, ParameterSpec } from '../../../lang/catalog.js';
import { javaValueToString } from '../shared/java-format.js';
import { checkOverloads } from '../shared/overloads.js';
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';
import { fenceFromText, geometryFromText, GeometryTextError, pointGeometry, type Fence } from './geometry.js';
import type { Geometry } from './jsts.js';

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

const PACKAGE = 'org.wso2.extension.siddhi.gpl.execution.geo';

/** The errors of one Java class of the extension, e.g. `function.GeoWithinFunctionExecutor`. */
export function geoErrors(javaClass: string): ErrorMaker {
  return errorsFor(`${PACKAGE}.${javaClass}`);
}

export const LONGITUDE: ParameterSpec = {
  name: 'longitude',
  type: ['double'],
  description: 'The longitude of the location (the x of its point), given with the latitude instead of a geometry.',
};

export const LATITUDE: ParameterSpec = {
  name: 'latitude',
  type: ['double'],
  description: 'The latitude of the location (the y of its point).',
};

export const GEOMETRY: ParameterSpec = {
  name: 'geo.json.geometry',
  type: ['string'],
  description:
    "A GeoJSON geometry (single quotes allowed), e.g. `{'type':'Polygon','coordinates':[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}`, or a circle `{'type':'Circle','radius':110575,'coordinates':[1.5,1.5]}` (radius in metres), given instead of the longitude and latitude. A circle is a polygon of 32 sides drawn as JTS 1.13 draws it (within 0.5% of the radius); any text containing `radius` is read as one.",
};

export const FENCE: ParameterSpec = {
  name: 'geo.json.geometry.fence',
  type: ['string'],
  description:
    'The GeoJSON geometry (or circle) the location is compared with. A constant is read once, at app creation; an attribute, for each event.',
};

/** The shape of a location's arguments: a point (longitude, latitude) or a geometry string. */
export interface LocationShape {
  readonly point: boolean;
}

/** The shape of the location at argument `start`: two doubles are a point (the checker has typed the call). */
export function shapeAt(types: readonly AttributeType[], start: number): LocationShape {
  return { point: types[start] === 'double' };
}

/** A constant geometry argument that is not a geometry: the Java extension fails at app creation. */
export function checkConstantGeometry(constant: unknown): string | undefined {
  if (typeof constant !== 'string') return undefined;
  try {
    fenceFromText(constant);
    return undefined;
  } catch (e) {
    if (e instanceof GeometryTextError) return e.message;
    throw e;
  }
}

/**
 * The location of an event: the point of (first, second) as (longitude, latitude), or the geometry of the
 * string `first`.
 */
export function locationOf(
  first: unknown,
  second: unknown,
  shape: LocationShape,
  error: ErrorMaker,
  fn: string,
): Geometry {
  if (shape.point) {
    if (typeof first !== 'number') throw error(`Invalid input given to ${fn}. The longitude cannot be null`);
    if (typeof second !== 'number') throw error(`Invalid input given to ${fn}. The latitude cannot be null`);
    return pointGeometry(first, second);
  }
  return geometryArg(first, error, fn, 'geometry');
}

/** The geometry of a string argument read per event. */
export function geometryArg(value: unknown, error: ErrorMaker, fn: string, what: string): Geometry {
  if (typeof value !== 'string') throw error(`Invalid input given to ${fn}. The ${what} cannot be null`);
  try {
    return geometryFromText(value);
  } catch (e) {
    if (e instanceof GeometryTextError) throw error(e.message, e);
    throw e;
  }
}

/**
 * The fence of a call: read once when its argument is a constant, else from each event's value (then
 * without a point locator: the Java extension prepares only a constant fence).
 */
export function fenceOf(
  constants: readonly unknown[],
  index: number,
  error: ErrorMaker,
  fn: string,
): (value: unknown) => Fence {
  const constant = constants[index];
  if (typeof constant === 'string') {
    const fence = fenceFromText(constant);
    return () => fence;
  }
  return (value) => ({ geometry: geometryArg(value, error, fn, 'geometry fence'), locator: undefined });
}

/**
 * Reads the location of each event from the arguments at `start` (and `start + 1` for a point). A
 * constant geometry string is read once.
 */
export function locationReader(
  constants: readonly unknown[],
  start: number,
  shape: LocationShape,
  error: ErrorMaker,
  fn: string,
): (first: unknown, second: unknown) => Geometry {
  const constant = constants[start];
  if (!shape.point && typeof constant === 'string') {
    const fixed = geometryArg(constant, error, fn, 'geometry');
    return () => fixed;
  }
  return (first, second) => locationOf(first, second, shape, error, fn);
}

/** What a location was made from, kept beside it in a processor's state so that a snapshot can hold it. */
export type LocationSource = readonly [longitude: number, latitude: number] | string;

/** The source of an event's location (checked for nulls as `locationOf` does). */
export function sourceOf(
  first: unknown,
  second: unknown,
  shape: LocationShape,
  error: ErrorMaker,
  fn: string,
): LocationSource {
  if (shape.point) {
    if (typeof first !== 'number') throw error(`Invalid input given to ${fn}. The longitude cannot be null`);
    if (typeof second !== 'number') throw error(`Invalid input given to ${fn}. The latitude cannot be null`);
    return [first, second];
  }
  if (typeof first !== 'string') throw error(`Invalid input given to ${fn}. The geometry cannot be null`);
  return first;
}

export function geometryOfSource(source: LocationSource, error: ErrorMaker, fn: string): Geometry {
  return typeof source === 'string' ? geometryArg(source, error, fn, 'geometry') : pointGeometry(source[0], source[1]);
}

/** The key of an object: its id as Java's `toString()` writes it. Null is an error. */
export function idOf(value: unknown, type: AttributeType | undefined, error: ErrorMaker, fn: string): string {
  if (value === null || value === undefined) throw error(`Invalid input given to ${fn}. The id cannot be null`);
  return javaValueToString(value, type);
}

/** What the stateful processors' descriptions say of their state, beside Siddhi. */
export function stateNote(what: string): string {
  return `${what} are kept per partition key and in the app's snapshots; Siddhi 5.1 keeps them in the processor instance, shared by all the keys of a partition and not persisted. `;
}

export const ID: ParameterSpec = {
  name: 'id',
  type: ['string', 'int', 'long', 'float', 'double', 'bool'],
  description: 'The id of the object, compared as text (as Java writes it).',
};

/**
 * The creation checks of a call: it must fit one of the spec's call shapes (the app checker has told
 * which argument does not, and where), and its constant geometries (the location at `start` when it is
 * a string, and the fence after it, if any before `end`) must be geometries, as the Java extension reads
 * a constant fence at app creation.
 */
export function checkGeoCall(
  spec: ExtensionSpec,
  types: readonly AttributeType[],
  constants: readonly unknown[],
  start: number,
  end: number,
): string | undefined {
  const unfit = checkOverloads(spec, types, constants);
  if (unfit !== undefined) return unfit;
  const { point } = shapeAt(types, start);
  const fence = start + (point ? 2 : 1);
  return (
    (point ? undefined : checkConstantGeometry(constants[start])) ??
    (fence < end ? checkConstantGeometry(constants[fence]) : undefined)
  );
}
