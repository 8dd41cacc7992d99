/**
 * `#geo:proximity(id, longitude, latitude[, fence], radius)` / `#geo:proximity(id, geometry[, fence],
 * radius)`: for each event, one output per other object that has just come within the radius of it
 * (`inCloseProximity` true) or has just gone out of it (false), naming that object in `proximityWith`.
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
import { JavaHashMapOrder, type HashOrderState } from '../../runtime/java-hash-order.js';
import type { Geometry } from './jsts.js';

const error = geoErrors('stream.GeoProximityStreamProcessor');
const FN = 'geo:proximity() stream processor';

interface ProximityState {
  /** Each object's first location, in the order of the Java HashMap that holds them. */
  objects: [id: string, source: LocationSource][];
  order: HashOrderState;
  /** The pairs in close proximity, as `id~id`. */
  close: string[];
}

const base: ExtensionSpec = {
  kind: 'streamProcessor',
  namespace: 'geo',
  name: 'proximity',
  description:
    "Follows pairs of objects: for each event, its location is compared with each other object's location (JTS `isWithinDistance`, the radius in metres divided by 110574.61087757687 to make degrees), in the order of the Java HashMap of objects the extension keeps; a pair that comes within the radius gives an output with `inCloseProximity` true, a pair that moves out of it one with false, `proximityWith` naming the other object. The event itself is not passed on. " +
    "As in Siddhi, an object's location is the one of its first event: later events of the object are compared from where they are, but others are compared with that first location. " +
    'The fence argument is checked but not used, as in Siddhi. The radius must be a constant double. ' +
    stateNote('The objects and the pairs in close proximity') +
    'Siddhi 5.1 refuses the calls with fewer than five arguments at app creation (its annotation check counts all five documented parameters as mandatory); Tributary runs them. A null argument is an error for the event.',
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
    { name: 'proximityWith', type: 'string', description: 'The id of the other object.' },
    {
      name: 'inCloseProximity',
      type: 'bool',
      description: 'true when the two came within the radius of each other, false when they moved apart.',
    },
  ],
  examples: [
    {
      syntax:
        'define stream dataIn (id string, longitude double, latitude double);\n\nfrom dataIn#geo:proximity(id, longitude, latitude, 110574.61087757687)\nselect id, proximityWith, inCloseProximity\ninsert into dataOut;',
      description:
        "Objects 1 at (0, 0), 2 at (1, 1) and 3 at (2, 2), then 1 at (1.5, 1.5): two outputs, ('1', '2', true) and ('1', '3', true).",
    },
  ],
};

/** Java's `String.compareToIgnoreCase`. */
function compareIgnoreCase(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    x = upper(x);
    y = upper(y);
    if (x === y) continue;
    x = lower(x);
    y = lower(y);
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

function upper(c: number): number {
  const u = String.fromCharCode(c).toUpperCase();
  return u.length === 1 ? u.charCodeAt(0) : c;
}

function lower(c: number): number {
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** The key of a pair, as the Java extension makes it (ids that differ only in case make two keys). */
function pairKey(a: string, b: string): string {
  return compareIgnoreCase(a, b) < 0 ? `${a}~${b}` : `${b}~${a}`;
}

export const proximity: StreamFunctionImpl = {
  spec: { ...base, validate: (types, constants) => checkGeoCall(base, types, constants, 1, types.length - 1) },
  create(ctx) {
    const shape = shapeAt(ctx.argTypes, 1);
    const degrees = Number(ctx.constants[ctx.argTypes.length - 1]) / TO_DEGREE;
    const idType = ctx.argTypes[0];
    let objects = new Map<string, { readonly source: LocationSource; readonly geometry: Geometry }>();
    let order = new JavaHashMapOrder();
    let close = new Set<string>();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const id = idOf(args[0], idType, error, FN);
      const source = sourceOf(args[1], args[2], shape, error, FN);
      const geometry = geometryOfSource(source, error, FN);
      if (!objects.has(id)) {
        objects.set(id, { source, geometry });
        order.add(id);
      }
      for (const other of order.keys()) {
        if (other === id) continue;
        const near = geometry.isWithinDistance(objects.get(other)!.geometry, degrees);
        const key = pairKey(id, other);
        if (close.has(key) === near) continue;
        if (near) close.add(key);
        else close.delete(key);
        emit([other, near]);
      }
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): ProximityState => ({
        objects: [...objects].map(([id, o]) => [id, o.source]),
        order: order.snapshot(),
        close: [...close],
      }),
      restore: (state: unknown): void => {
        const s = asState<ProximityState>(state, 'geo:proximity');
        objects = new Map(
          s.objects.map(([id, source]) => [id, { source, geometry: geometryOfSource(source, error, FN) }]),
        );
        order = new JavaHashMapOrder();
        order.restore(s.order);
        close = new Set(s.close);
      },
    });
    return stateful;
  },
};
