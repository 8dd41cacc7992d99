/** `geo:withinDistance(longitude, latitude, fence, metres)` / `geo:withinDistance(geometry, fence, metres)`. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { FENCE, GEOMETRY, LATITUDE, LONGITUDE } from './geo-args.js';
import { OVERLOAD_NOTE, predicateFunction } from './predicate-function.js';

const spec: ExtensionSpec = {
  kind: 'function',
  namespace: 'geo',
  name: 'withinDistance',
  description:
    'Tells whether a location, given as longitude and latitude or as a GeoJSON geometry, is within a distance of the geometry fence (JTS `isWithinDistance`). ' +
    'The distance is in metres and is turned into degrees by dividing by 110574.61087757687, as the Java extension does; the geometries are compared on the plane of longitude and latitude. ' +
    OVERLOAD_NOTE,
  parameters: [
    LONGITUDE,
    LATITUDE,
    GEOMETRY,
    FENCE,
    { name: 'distance', type: ['double'], description: 'The distance in metres; an attribute is read per event.' },
  ],
  signatures: [
    ['longitude', 'latitude', 'geo.json.geometry.fence', 'distance'],
    ['geo.json.geometry', 'geo.json.geometry.fence', 'distance'],
  ],
  returns: { type: ['bool'], description: 'true when the location is within the distance of the fence, else false.' },
  examples: [
    {
      syntax:
        "from dataIn\nselect geo:withinDistance(geometry, \"{'type':'Polygon','coordinates':[[[0, 0],[0, 1],[1, 1],[1, 0],[0, 0]]]}\", 110574.61087757687) as near\ninsert into dataOut;",
      description:
        "true for the circle {'type':'Circle','coordinates':[-1, -1], 'radius':110575}, one degree from the square; false for the point {'type':'Point','coordinates':[3, 0]}.",
    },
    {
      syntax:
        "geo:withinDistance(0.5, 0.5, \"{'type':'Polygon','coordinates':[[[0, 0],[0, 1],[1, 1],[1, 0],[0, 0]]]}\", 110574.61087757687)",
      description: 'true: the point is in the square.',
    },
  ],
};

export const withinDistance = predicateFunction({
  spec,
  javaClass: 'function.GeoWithinDistanceFunctionExecutor',
  withDistance: true,
  test: (location, fence, degrees) => location.isWithinDistance(fence.geometry, degrees),
});
