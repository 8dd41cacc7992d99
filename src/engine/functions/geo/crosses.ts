/**
 * `#geo:crosses(id, longitude, latitude, fence)` / `#geo:crosses(id, geometry, fence)`: lets an event
 * through, with `crosses` true, when its object comes within the fence, and with `crosses` false when it
 * leaves; drops the others. It remembers which objects are within.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import {
  checkGeoCall,
  FENCE,
  fenceOf,
  GEOMETRY,
  geoErrors,
  ID,
  idOf,
  LATITUDE,
  locationReader,
  LONGITUDE,
  shapeAt,
  stateNote,
} from './geo-args.js';
import { isWithin } from './geometry.js';

const error = geoErrors('stream.GeoCrossesStreamProcessor');
const FN = 'geo:crosses() stream processor';

interface CrossesState {
  /** The ids of the objects within the fence. */
  inside: string[];
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'geo',
  name: 'crosses',
  description:
    'Follows objects against a geometry fence: an event whose object was outside (or not seen yet) and is now within the fence (JTS `within`) goes on with `crosses` true; an event whose object was within and is now outside goes on with `crosses` false; every other event is dropped. ' +
    stateNote('The ids of the objects within the fence') +
    'Siddhi 5.1 refuses these calls at app creation (its annotation check counts all five documented parameters as mandatory); Tributary runs them. A null argument is an error for the event.',
  parameters: [ID, LONGITUDE, LATITUDE, GEOMETRY, FENCE],
  signatures: [
    ['id', 'longitude', 'latitude', 'geo.json.geometry.fence'],
    ['id', 'geo.json.geometry', 'geo.json.geometry.fence'],
  ],
  appendedAttributes: [
    { name: 'crosses', type: 'bool', description: 'true when the object came within the fence, false when it left.' },
  ],
  examples: [
    {
      syntax:
        "define stream dataIn (id string, longitude double, latitude double);\n\nfrom dataIn#geo:crosses(id, longitude, latitude, \"{'type':'Polygon','coordinates':[[[0, 0],[2, 0],[2, 1],[0, 1],[0, 0]]]}\")\nselect id, crosses\ninsert into dataOut;",
      description:
        'For km-4354 at (-0.5, 0.5), then (1.5, 0.5), (1.5, 0.25) and (3, 0.25): nothing, then crosses true, nothing, and crosses false.',
    },
  ],
};

export const crosses: StreamFunctionImpl = {
  spec: { ...base, validate: (types, constants) => checkGeoCall(base, types, constants, 1, types.length) },
  create(ctx) {
    const shape = shapeAt(ctx.argTypes, 1);
    const location = locationReader(ctx.constants, 1, shape, error, FN);
    const fenceIndex = shape.point ? 3 : 2;
    const fenceAt = fenceOf(ctx.constants, fenceIndex, error, FN);
    const idType = ctx.argTypes[0];
    let inside = new Set<string>();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const within = isWithin(location(args[1], args[2]), fenceAt(args[fenceIndex]));
      const id = idOf(args[0], idType, error, FN);
      if (inside.has(id) === within) return;
      if (within) inside.add(id);
      else inside.delete(id);
      emit([within]);
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): CrossesState => ({ inside: [...inside] }),
      restore: (state: unknown): void => {
        inside = new Set(asState<CrossesState>(state, 'geo:crosses').inside);
      },
    });
    return stateful;
  },
};
