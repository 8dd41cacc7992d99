/**
 * Geometries as siddhi-gpl-execution-geo makes them: a point from a longitude (x) and a latitude (y), and
 * a geometry from a GeoJSON string. A string that contains `radius` anywhere is a circle: its
 * `coordinates` are the centre and its `radius` is in metres, turned into degrees by dividing by
 * 110574.61087757687 (metres per degree of latitude at the equator). Any other string is GeoJSON once its
 * single quotes are made double quotes.
 *
 * A circle is the point's buffer as JTS 1.13 (the JTS of the Java extension) draws it: 32 segments, the
 * angle of each vertex accumulated step by step from the east point clockwise. Later JTS versions, and
 * jsts, multiply instead, which moves some vertices by a few units in the last place; closest points on a
 * circle then differ from Siddhi's in the last digits.
 */
import JSON5 from 'json5';
import { javaCos, javaSin } from '../shared/java-trig.js';
import {
  jts,
  LOCATION_EXTERIOR,
  LOCATION_INTERIOR,
  type Coordinate,
  type Geometry,
  type PointInAreaLocator,
} from './jsts.js';

/** Metres per degree, as the Java extension converts distances and radii. */
export const TO_DEGREE = 110574.61087757687;

/** A string that is not a geometry. The message is the Java extension's. */
export class GeometryTextError extends Error {
  constructor(text: string, reason: string) {
    super(`Failed to create a geometry from given str ${text}${reason ? `: ${reason}` : ''}`);
    this.name = 'GeometryTextError';
  }
}

/** The point of a location: x is the longitude, y the latitude. */
export function pointGeometry(longitude: number, latitude: number): Geometry {
  return jts().point(longitude, latitude);
}

/** The geometry of a GeoJSON string, or of a circle (`{'type': 'Circle', 'radius': m, 'coordinates': [x, y]}`). */
export function geometryFromText(text: string): Geometry {
  if (text.includes('radius')) return circleFromText(text);
  let json: unknown;
  try {
    json = JSON.parse(text.replaceAll("'", '"'));
  } catch (e) {
    throw new GeometryTextError(text, (e as Error).message);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new GeometryTextError(text, 'not a GeoJSON object');
  }
  let geometry: unknown;
  try {
    geometry = jts().readGeoJson(json);
  } catch (e) {
    throw new GeometryTextError(text, (e as Error).message);
  }
  if (!jts().isGeometry(geometry)) throw new GeometryTextError(text, 'not a GeoJSON geometry');
  return geometry;
}

/**
 * A circle: the Java extension reads it leniently (Gson: single quotes, unquoted names), whatever its
 * `type`, from `coordinates` (the centre, longitude first) and `radius` (metres).
 */
function circleFromText(text: string): Geometry {
  let json: unknown;
  try {
    json = JSON5.parse(text);
  } catch (e) {
    throw new GeometryTextError(text, (e as Error).message);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new GeometryTextError(text, 'a circle must be a JSON object');
  }
  const { coordinates, radius } = json as { coordinates?: unknown; radius?: unknown };
  if (!Array.isArray(coordinates) || typeof coordinates[0] !== 'number' || typeof coordinates[1] !== 'number') {
    throw new GeometryTextError(text, 'the coordinates of a circle must be two numbers');
  }
  if (typeof radius !== 'number') throw new GeometryTextError(text, 'the radius of a circle must be a number');
  return jts113Circle(coordinates[0], coordinates[1], radius / TO_DEGREE);
}

/** The quarter circle is drawn in 8 segments (JTS's default quadrant segments). */
const FILLET_ANGLE_QUANTUM = Math.PI / 2 / 8;
/** A vertex nearer than distance × this to the one before it is dropped (JTS's offset curve). */
const VERTEX_SNAP_FACTOR = 1.0e-6;

/** `point.buffer(distance)` as JTS 1.13 computes it. */
export function jts113Circle(x: number, y: number, distance: number): Geometry {
  if (!(distance > 0) || !Number.isFinite(distance)) return jts().point(x, y).buffer(distance);
  const total = 2 * Math.PI;
  const segments = Math.trunc(total / FILLET_ANGLE_QUANTUM + 0.5);
  const step = total / segments;
  const minVertexDistance = distance * VERTEX_SNAP_FACTOR;
  const ring: Coordinate[] = [];
  const add = (px: number, py: number): void => {
    const last = ring[ring.length - 1];
    if (last !== undefined) {
      const dx = px - last.x;
      const dy = py - last.y;
      if (Math.sqrt(dx * dx + dy * dy) < minVertexDistance) return;
    }
    ring.push(jts().coordinate(px, py));
  };
  add(x + distance, y);
  // Clockwise from the east point; the angle is summed step by step, as JTS 1.13 does.
  for (let angle = 0; angle < total; angle += step) {
    add(x + distance * javaCos(-angle), y + distance * javaSin(-angle));
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first.x !== last.x || first.y !== last.y) ring.push(jts().coordinate(first.x, first.y));
  return jts().polygon(ring);
}

/**
 * A geometry given as a constant, made once. The Java extension prepares it (JTS PreparedGeometry), which
 * locates a point against a polygon with an indexed point-in-area locator: so does this, for a Polygon or
 * MultiPolygon fence. jsts's own prepared geometries cannot be constructed (jsts issue #479).
 */
export interface Fence {
  readonly geometry: Geometry;
  readonly locator: PointInAreaLocator | undefined;
}

export function fenceFromText(text: string): Fence {
  const geometry = geometryFromText(text);
  const type = geometry.getGeometryType();
  const areal = type === 'Polygon' || type === 'MultiPolygon';
  return { geometry, locator: areal ? jts().locator(geometry) : undefined };
}

/** Where `g` lies against the fence's area when `g` is a point and the fence has a locator, else undefined. */
function locatePoint(g: Geometry, fence: Fence): number | undefined {
  if (fence.locator === undefined || g.getGeometryType() !== 'Point') return undefined;
  const c = g.getCoordinate();
  return c === null ? undefined : fence.locator.locate(c);
}

/** JTS `within` of the location and the fence (a prepared fence's `contains`, for a constant one). */
export function isWithin(location: Geometry, fence: Fence): boolean {
  const at = locatePoint(location, fence);
  return at === undefined ? location.within(fence.geometry) : at === LOCATION_INTERIOR;
}

/** JTS `intersects` of the location and the fence. */
export function isIntersecting(location: Geometry, fence: Fence): boolean {
  const at = locatePoint(location, fence);
  return at === undefined ? location.intersects(fence.geometry) : at !== LOCATION_EXTERIOR;
}
