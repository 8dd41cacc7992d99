/**
 * `#geo:closestPoints(longitude, latitude, fence)` / `#geo:closestPoints(geometry, fence)`: appends the
 * point of the location nearest the fence and the point of the fence nearest the location (JTS DistanceOp).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import {
  checkGeoCall,
  FENCE,
  fenceOf,
  GEOMETRY,
  geoErrors,
  LATITUDE,
  locationReader,
  LONGITUDE,
  shapeAt,
} from './geo-args.js';
import { jts } from './jsts.js';

const error = geoErrors('stream.function.GeoClosestPointsStreamFunctionProcessor');
const FN = 'geo:closestPoints() stream function';

const base: ExtensionSpec = {
  kind: 'streamFunction',
  namespace: 'geo',
  name: 'closestPoints',
  description:
    'Appends the point of the location nearest the geometry fence and the point of the fence nearest the location (JTS `DistanceOp.nearestPoints`; the same point twice when they meet). ' +
    'Despite their names, each pair of attributes is the x (longitude) then the y (latitude) of its point, as in Siddhi. ' +
    'Siddhi 5.1 refuses the call with a geometry at app creation (its annotation check counts the three documented parameters as mandatory); Tributary runs it. A null argument is an error for the event.',
  parameters: [LONGITUDE, LATITUDE, GEOMETRY, FENCE],
  signatures: [
    ['longitude', 'latitude', 'geo.json.geometry.fence'],
    ['geo.json.geometry', 'geo.json.geometry.fence'],
  ],
  appendedAttributes: [
    {
      name: 'closestPointOf1From2Latitude',
      type: 'double',
      description: "The x (longitude) of the location's point nearest the fence.",
    },
    { name: 'closestPointOf1From2Longitude', type: 'double', description: 'The y (latitude) of that point.' },
    {
      name: 'closestPointOf2From1Latitude',
      type: 'double',
      description: "The x (longitude) of the fence's point nearest the location.",
    },
    { name: 'closestPointOf2From1Longitude', type: 'double', description: 'The y (latitude) of that point.' },
  ],
  examples: [
    {
      syntax:
        "from dataIn#geo:closestPoints(longitude, latitude, \"{'type':'Polygon','coordinates':[[[0,0],[0,2],[1,2],[1,0],[0,0]]]}\")\nselect closestPointOf1From2Latitude, closestPointOf1From2Longitude, closestPointOf2From1Latitude, closestPointOf2From1Longitude\ninsert into dataOut;",
      description: 'For the location (2, 2): 2.0, 2.0, 1.0, 2.0. For (0.5, 0.5), inside the polygon: 0.5 four times.',
    },
  ],
};

export const closestPoints: StreamFunctionImpl = {
  spec: { ...base, validate: (types, constants) => checkGeoCall(base, types, constants, 0, types.length) },
  create(ctx) {
    const shape = shapeAt(ctx.argTypes, 0);
    const location = locationReader(ctx.constants, 0, shape, error, FN);
    const fenceIndex = shape.point ? 2 : 1;
    const fenceAt = fenceOf(ctx.constants, fenceIndex, error, FN);
    return (args, emit) => {
      const [a, b] = jts().nearestPoints(location(args[0], args[1]), fenceAt(args[fenceIndex]).geometry);
      emit([a.x, a.y, b.x, b.y]);
    };
  },
};
