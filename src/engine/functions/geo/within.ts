/** `geo:within(longitude, latitude, fence)` / `geo:within(geometry, fence)`: is the location inside the fence? */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { FENCE, GEOMETRY, LATITUDE, LONGITUDE } from './geo-args.js';
import { isWithin } from './geometry.js';
import { OVERLOAD_NOTE, predicateFunction } from './predicate-function.js';

const spec: ExtensionSpec = {
  kind: 'function',
  namespace: 'geo',
  name: 'within',
  description:
    'Tells whether a location, given as longitude and latitude or as a GeoJSON geometry, is within the geometry fence (JTS `within`: inside it and not only on its boundary). ' +
    OVERLOAD_NOTE,
  parameters: [LONGITUDE, LATITUDE, GEOMETRY, FENCE],
  signatures: [
    ['longitude', 'latitude', 'geo.json.geometry.fence'],
    ['geo.json.geometry', 'geo.json.geometry.fence'],
  ],
  returns: { type: ['bool'], description: 'true when the location is within the fence, else false.' },
  examples: [
    {
      syntax:
        "from dataIn\nselect geo:within(longitude, latitude, \"{'type':'Polygon','coordinates':[[[0,0],[0,2],[1,2],[1,0],[0,0]]]}\") as notify\ninsert into dataOut;",
      description: 'true for longitude 0.5 and latitude 0.5; false for 2 and 2, or on the edge.',
    },
    {
      syntax:
        "geo:within(\"{'type': 'Circle', 'radius': 110575, 'coordinates':[1.5, 1.5]}\", \"{'type':'Polygon','coordinates':[[[0,0],[0,4],[3,4],[3,0],[0,0]]]}\")",
      description: 'true: the circle of 110,575 m (about one degree) around (1.5, 1.5) lies inside the polygon.',
    },
  ],
};

export const within = predicateFunction({
  spec,
  javaClass: 'function.GeoWithinFunctionExecutor',
  withDistance: false,
  test: isWithin,
});
