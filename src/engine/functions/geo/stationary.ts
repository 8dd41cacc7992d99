/**
 * `#geo:stationary(id, longitude, latitude[, fence], radius)` / `#geo:stationary(id, geometry[, fence],
 * radius)`: lets an event through, with `stationary` true, when its object stays within the radius of where
 * it was, and with `stationary` false when it then moves out; drops the others.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import {
  checkGeoCall,
  FENCE,
  GEOMETRY,
  geoErrors,
  geometryOfSource,
  ID,
  idOf,
  LATITUDE,
  LONGITUDE,
  shapeAt,
  sourceOf,
  stateNote,
  type LocationSource,
} from './geo-args.js';
import { TO_DEGREE } from './geometry.js';
import type { Geometry } from './jsts.js';

const error = geoErrors('stream.GeoStationaryStreamProcessor');
const FN = 'geo:stationary() stream processor';

/** Where an object was last anchored, and whether it is stationary there. */
interface Anchor {
  readonly source: LocationSource;
  readonly geometry: Geometry;
  stationary: boolean;
}

interface StationaryState {
  anchors: [id: string, source: LocationSource, stationary: boolean][];
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'geo',
  name: 'stationary',
  description:
    "Follows objects as they move: each object's first location is its anchor. While it is not stationary, a location within the radius of the anchor (JTS `isWithinDistance`, the radius in metres divided by 110574.61087757687 to make degrees) makes it stationary: the event goes on with `stationary` true and the anchor stays; a location farther away becomes the new anchor and the event is dropped. While it is stationary, a location out of the radius makes it not stationary, with that location as the new anchor: the event goes on with `stationary` false; other events are dropped. " +
    stateNote('The anchors') +
    'The fence argument is checked but not used, as in Siddhi. The radius must be a constant double. ' +
    'Siddhi 5.1 refuses the call with a geometry and no fence at app creation (its annotation check counts four documented parameters as mandatory); Tributary runs it. A null argument is an error for the event.',
  parameters: [
    ID,
    LONGITUDE,
    LATITUDE,
    GEOMETRY,
    { ...FENCE, optional: true, description: 'A GeoJSON geometry the extension accepts but does not use.' },
    { name: 'radius', type: ['double'], description: 'The radius in metres.', constantOnly: true },
  ],
  signatures: [
    ['id', 'longitude', 'latitude', 'radius'],
    ['id', 'longitude', 'latitude', 'geo.json.geometry.fence', 'radius'],
    ['id', 'geo.json.geometry', 'radius'],
    ['id', 'geo.json.geometry', 'geo.json.geometry.fence', 'radius'],
  ],
  appendedAttributes: [
    {
      name: 'stationary',
      type: 'bool',
      description: 'true when the object became stationary, false when it moved away.',
    },
  ],
  examples: [
    {
      syntax:
        'define stream dataIn (id string, longitude double, latitude double);\n\nfrom dataIn#geo:stationary(id, longitude, latitude, 110574.61087757687)\nselect id, stationary\ninsert into dataOut;',
      description:
        'For km-4354 at (0, 0), (1, 1), (1, 1.5), (1, 1.75) and (1, 2.5): stationary true at (1, 1.5) (half a degree from the anchor (1, 1)), then false at (1, 2.5).',
    },
  ],
};

export const stationary: StreamFunctionImpl = {
  spec: { ...base, validate: (types, constants) => checkGeoCall(base, types, constants, 1, types.length - 1) },
  create(ctx) {
    const shape = shapeAt(ctx.argTypes, 1);
    const degrees = Number(ctx.constants[ctx.argTypes.length - 1]) / TO_DEGREE;
    const idType = ctx.argTypes[0];
    let anchors = new Map<string, Anchor>();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const source = sourceOf(args[1], args[2], shape, error, FN);
      const geometry = geometryOfSource(source, error, FN);
      const id = idOf(args[0], idType, error, FN);
      const anchor = anchors.get(id);
      if (anchor === undefined) {
        anchors.set(id, { source, geometry, stationary: false });
        return;
      }
      const near = geometry.isWithinDistance(anchor.geometry, degrees);
      if (anchor.stationary) {
        if (near) return;
        anchors.set(id, { source, geometry, stationary: false });
        emit([false]);
      } else if (near) {
        anchor.stationary = true;
        emit([true]);
      } else {
        anchors.set(id, { source, geometry, stationary: false });
      }
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): StationaryState => ({
        anchors: [...anchors].map(([id, a]) => [id, a.source, a.stationary]),
      }),
      restore: (state: unknown): void => {
        const saved = asState<StationaryState>(state, 'geo:stationary').anchors;
        anchors = new Map(
          saved.map(([id, source, still]) => [
            id,
            { source, geometry: geometryOfSource(source, error, FN), stationary: still },
          ]),
        );
      },
    });
    return stateful;
  },
};
