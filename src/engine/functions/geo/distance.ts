/** `geo:distance(lat1, lng1, lat2, lng2)`: the great-circle distance between two locations, in metres. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { argumentWord } from '../shared/types.js';
import { geoErrors } from './geo-args.js';
import { javaCos, javaSin } from '../shared/java-trig.js';

const error = geoErrors('function.GeoDistanceFunctionExecutor');

/** The earth's radius the Java extension uses, in metres. */
const EARTH_RADIUS = 6371000;
const TO_RADIANS = Math.PI / 180;

const base = {
  kind: 'function',
  namespace: 'geo',
  name: 'distance',
  description:
    'The distance in metres between two locations given as latitude and longitude in degrees, by the haversine formula on a sphere of radius 6,371,000 m, as siddhi-gpl-execution-geo computes it: ' +
    "with Java's sine and cosine as HotSpot computes them on x86-64, correctly rounded (V8's own are one unit off in the last place for about 3% of arguments). HotSpot itself misrounds about one argument in 400; the last digit of the distance can then differ from Siddhi's. " +
    'The arguments must be doubles: Siddhi casts each to a Double per event and fails on an int, long or float, where Tributary refuses the app at creation. ' +
    'A null argument is an error for the event.',
  parameters: [
    { name: 'location1.latitude', type: ['double'], description: 'The latitude of the first location.' },
    { name: 'location1.longitude', type: ['double'], description: 'The longitude of the first location.' },
    { name: 'location2.latitude', type: ['double'], description: 'The latitude of the second location.' },
    { name: 'location2.longitude', type: ['double'], description: 'The longitude of the second location.' },
  ],
  returns: { type: ['double'], description: 'The distance between the two locations, in metres.' },
  examples: [
    {
      syntax:
        'define stream cleanedStream (latitude double, longitude double, prevLatitude double, prevLongitude double);\n\n' +
        'from cleanedStream\nselect geo:distance(latitude, longitude, prevLatitude, prevLongitude) as distance\ninsert into dataOut;',
      description: 'For (8.116553, 77.523679) and (9.850047, 98.597177), distance is 2322119.848252557.',
    },
  ],
} as const satisfies ExtensionSpec;

/** The haversine distance, with the Java extension's operations in its order. */
export function haversine(latitude: number, longitude: number, prevLatitude: number, prevLongitude: number): number {
  const lat1 = latitude * TO_RADIANS;
  const lat2 = prevLatitude * TO_RADIANS;
  const lng1 = longitude * TO_RADIANS;
  const lng2 = prevLongitude * TO_RADIANS;
  const dlon = lng2 - lng1;
  const dlat = lat2 - lat1;
  const sinLat = javaSin(dlat / 2);
  const sinLon = javaSin(dlon / 2);
  const a = sinLat * sinLat + javaCos(lat1) * javaCos(lat2) * sinLon * sinLon;
  const c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  return EARTH_RADIUS * c;
}

const nullArgument = (i: number): Error =>
  error(`Invalid input given to geo:distance() function. ${argumentWord(i)} argument should be double`);

export const distance: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (latitude, longitude, prevLatitude, prevLongitude) => {
    if (typeof latitude !== 'number') throw nullArgument(0);
    if (typeof longitude !== 'number') throw nullArgument(1);
    if (typeof prevLatitude !== 'number') throw nullArgument(2);
    if (typeof prevLongitude !== 'number') throw nullArgument(3);
    return haversine(latitude, longitude, prevLatitude, prevLongitude);
  },
};
