/** `geo:intersects(longitude, latitude, fence)` / `geo:intersects(geometry, fence)`: does the location touch the fence? */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { FENCE, GEOMETRY, LATITUDE, LONGITUDE } from './geo-args.js';
import { isIntersecting } from './geometry.js';
import { OVERLOAD_NOTE, predicateFunction } from './predicate-function.js';

const spec: ExtensionSpec = {
  kind: 'function',
  namespace: 'geo',
  name: 'intersects',
  description:
    'Tells whether a location, given as longitude and latitude or as a GeoJSON geometry, intersects the geometry fence (JTS `intersects`: they share at least one point, the boundary included). ' +
    OVERLOAD_NOTE,
  parameters: [LONGITUDE, LATITUDE, GEOMETRY, FENCE],
  signatures: [
    ['longitude', 'latitude', 'geo.json.geometry.fence'],
    ['geo.json.geometry', 'geo.json.geometry.fence'],
  ],
  returns: { type: ['bool'], description: 'true when the location and the fence intersect, else false.' },
  examples: [
    {
      syntax:
        "from dataIn\nselect geo:intersects(geometry, \"{'type':'Polygon','coordinates':[[[0, 0],[0, 1],[1, 1],[1, 0],[0, 0]]]}\") as intersects\ninsert into dataOut;",
      description:
        "true for the polygon {'type':'Polygon','coordinates':[[[0.5, 0.5],[0.5, 1.5],[1.5, 1.5],[1.5, 0.5],[0.5, 0.5]]]}; false for the point {'type':'Point','coordinates':[2, 0]}.",
    },
    {
      syntax: "geo:intersects(0.5, 0.5, \"{'type':'Polygon','coordinates':[[[0, 0],[0, 1],[1, 1],[1, 0],[0, 0]]]}\")",
      description: 'true: the point (0.5, 0.5) is in the square.',
    },
  ],
};

export const intersects = predicateFunction({
  spec,
  javaClass: 'function.GeoIntersectsFunctionExecutor',
  withDistance: false,
  test: isIntersecting,
});
