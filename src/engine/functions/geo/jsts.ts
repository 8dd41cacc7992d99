/**
 * The part of jsts (the JavaScript port of JTS, the geometry library siddhi-gpl-execution-geo runs on)
 * that the geo: extensions use, typed here: jsts ships loose declarations (`any` throughout, and none of
 * the predicates it adds to Geometry at load time). It is loaded on the first geometry an app needs, not
 * when the engine loads: its ES modules take over 100 ms to load, and most apps never use geo:.
 * `geo:distance` and `#geo:locationApproximate` need no geometry and never load it.
 */
import { createRequire } from 'node:module';

export interface Coordinate {
  readonly x: number;
  readonly y: number;
}

/** A jsts geometry, with the predicates jsts's `monkey.js` adds to every geometry. */
export interface Geometry {
  intersects(other: Geometry): boolean;
  within(other: Geometry): boolean;
  isWithinDistance(other: Geometry, distance: number): boolean;
  buffer(distance: number): Geometry;
  getGeometryType(): string;
  getCoordinate(): Coordinate | null;
}

interface GeometryFactory {
  createPoint(coordinate: Coordinate): Geometry;
  createLinearRing(coordinates: Coordinate[]): Geometry;
  createPolygon(shell: Geometry): Geometry;
}

/** Where a point lies against an area (JTS's Location codes). */
export interface PointInAreaLocator {
  /** 0 interior, 1 boundary, 2 exterior. */
  locate(p: Coordinate): number;
}

/** What the geo: extensions use of jsts. */
export interface Jts {
  coordinate(x: number, y: number): Coordinate;
  point(x: number, y: number): Geometry;
  /** A polygon with this closed ring as its shell. */
  polygon(ring: Coordinate[]): Geometry;
  /** A GeoJSON object read by jsts's GeoJSONReader: a geometry, or a plain object for a Feature. */
  readGeoJson(json: object): unknown;
  isGeometry(value: unknown): value is Geometry;
  /** JTS DistanceOp.nearestPoints: the point of `a` and the point of `b` nearest each other. */
  nearestPoints(a: Geometry, b: Geometry): readonly [Coordinate, Coordinate];
  /** An indexed point-in-area locator of a Polygon or MultiPolygon (what a JTS PreparedPolygon locates with). */
  locator(area: Geometry): PointInAreaLocator;
}

export const LOCATION_INTERIOR = 0;
export const LOCATION_EXTERIOR = 2;

type Constructor<A extends unknown[], T> = new (...args: A) => T;

const require = createRequire(import.meta.url);

/** The default export of a jsts ES module, required (Node loads ES modules with require since 20.19). */
function jstsClass<T>(path: string): T {
  return (require(`jsts/org/locationtech/jts/${path}.js`) as { readonly default: T }).default;
}

let loaded: Jts | undefined;

/** jsts, loaded on the first call. */
export function jts(): Jts {
  return (loaded ??= load());
}

function load(): Jts {
  // Adds intersects, within, isWithinDistance, buffer... to Geometry.prototype.
  require('jsts/org/locationtech/jts/monkey.js');
  const GeometryClass = jstsClass<Constructor<never[], Geometry>>('geom/Geometry');
  const CoordinateClass = jstsClass<Constructor<[number, number], Coordinate>>('geom/Coordinate');
  const Factory = jstsClass<Constructor<[], GeometryFactory>>('geom/GeometryFactory');
  const Reader = jstsClass<Constructor<[GeometryFactory], { read(json: object): unknown }>>('io/GeoJSONReader');
  const DistanceOp = jstsClass<Constructor<[Geometry, Geometry], { nearestPoints(): Coordinate[] }>>(
    'operation/distance/DistanceOp',
  );
  const Locator = jstsClass<Constructor<[Geometry], PointInAreaLocator>>('algorithm/locate/IndexedPointInAreaLocator');
  const factory = new Factory();
  const reader = new Reader(factory);
  return {
    coordinate: (x, y) => new CoordinateClass(x, y),
    point: (x, y) => factory.createPoint(new CoordinateClass(x, y)),
    polygon: (ring) => factory.createPolygon(factory.createLinearRing(ring)),
    readGeoJson: (json) => reader.read(json),
    isGeometry: (value): value is Geometry => value instanceof GeometryClass,
    nearestPoints: (a, b) => {
      const [pa, pb] = new DistanceOp(a, b).nearestPoints();
      return [pa as Coordinate, pb as Coordinate];
    },
    locator: (area) => new Locator(area),
  };
}
