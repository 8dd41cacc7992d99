/**
 * `#geo:locationApproximate(location.recorder, latitude, longitude, sensor.proximity, sensor.uuid,
 * sensor.weight, timestamp)`: the weighted mean location of the beacons (iBeacons) a recorder is near.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { validateWith } from '../shared/overloads.js';
import { javaEqualsIgnoreCase } from '../str/equals-ignore-case.js';
import { geoErrors, stateNote } from './geo-args.js';
import { javaCos, javaSin } from '../shared/java-trig.js';
import { JavaConcurrentHashMapOrder, type HashOrderState } from '../../runtime/java-hash-order.js';

const error = geoErrors('stream.GeoLocationApproximateStreamProcessor');

/** A beacon older than this (ms of the timestamps given) than the event is forgotten. */
const BEACON_TIMEOUT = 300000;

type Beacon = readonly [latitude: number, longitude: number, lastUpdated: number, weight: number];

/** The beacons of one recorder, in the order of the Java ConcurrentHashMap that holds them. */
interface Beacons {
  readonly values: Map<string, Beacon>;
  readonly order: JavaConcurrentHashMapOrder;
}

interface LocationApproximateState {
  recorders: [recorder: string, order: HashOrderState, beacons: [uuid: string, beacon: Beacon][]][];
}

const base: ExtensionSpec = {
  kind: 'streamFunction',
  namespace: 'geo',
  name: 'locationApproximate',
  description:
    "Approximates where a location recorder (a person or an item) is from the beacons it is near. An event with proximity ENTER or RANGE (any case) records the beacon's location, weight and timestamp for the recorder, unless the beacon was recorded with a later or equal timestamp; any other proximity (EXIT) forgets the beacon if it was recorded with an earlier timestamp. Beacons recorded more than 300000 (5 minutes of millisecond timestamps) before the event are forgotten. " +
    "The output is the mean of the remaining beacons' locations on the unit sphere, weighted by their weights, with averageExist true; with no beacon left it is the event's own latitude and longitude, with averageExist false. " +
    'The beacons are summed in the order of the Java ConcurrentHashMap the extension keeps them in, with sines and cosines as HotSpot computes them (see geo:distance), as Siddhi sums them. ' +
    stateNote('The beacons of each recorder') +
    'The arguments must have the types below (Siddhi casts them per event and fails on others, where Tributary refuses the app at creation). A null argument is an error for the event.',
  parameters: [
    { name: 'location.recorder', type: ['string'], description: 'The id of the person or item.' },
    { name: 'latitude', type: ['double'], description: 'The latitude of the beacon.' },
    { name: 'longitude', type: ['double'], description: 'The longitude of the beacon.' },
    { name: 'sensor.proximity', type: ['string'], description: 'What the beacon reports: ENTER, RANGE or EXIT.' },
    { name: 'sensor.uuid', type: ['string'], description: 'The id of the beacon.' },
    {
      name: 'sensor.weight',
      type: ['double'],
      description: 'The weight of the beacon in the mean (e.g. derived from the distance to it).',
    },
    { name: 'timestamp', type: ['long'], description: 'When the beacon reported, in milliseconds.' },
  ],
  appendedAttributes: [
    { name: 'averagedLatitude', type: 'double', description: 'The latitude of the approximated location.' },
    { name: 'averagedLongitude', type: 'double', description: 'The longitude of the approximated location.' },
    { name: 'averageExist', type: 'bool', description: 'false when the recorder has no beacon to average.' },
  ],
  examples: [
    {
      syntax:
        'define stream cleanedStream (locationRecorder string, latitude double, longitude double, beaconProximity string, uuid string, weight double, timestamp long);\n\n' +
        'from cleanedStream#geo:locationApproximate(locationRecorder, latitude, longitude, beaconProximity, uuid, weight, timestamp)\nselect *\ninsert into dataOut;',
      description:
        "For ('person1', 6.876657, 79.897648, 'ENTER', 'uuid1', 20.0, 1452583935), the first beacon: averagedLatitude 6.876657000000001, averagedLongitude 79.897648, averageExist true.",
    },
  ],
};

const ORDINALS = ['First', 'Second', 'Third', 'Forth', 'Fifth', 'Sixth', 'Seventh'];
const JAVA_TYPES = ['string', 'double', 'double', 'string', 'string', 'double', 'long'];

function nullArgument(i: number): Error {
  return error(
    `Invalid input given to geo:locationApproximate() function. ${ORDINALS[i]} argument should be ${JAVA_TYPES[i]}`,
  );
}

export const locationApproximate: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create() {
    let recorders = new Map<string, Beacons>();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      for (let i = 0; i < 7; i++) if (args[i] === null || args[i] === undefined) throw nullArgument(i);
      const recorder = args[0] as string;
      const latitude = args[1] as number;
      const longitude = args[2] as number;
      const proximity = args[3] as string;
      const uuid = args[4] as string;
      const weight = args[5] as number;
      const timestamp = args[6] as number;
      let beacons = recorders.get(recorder);
      if (beacons === undefined) {
        beacons = { values: new Map(), order: new JavaConcurrentHashMapOrder() };
        recorders.set(recorder, beacons);
      }
      const { values, order } = beacons;
      const known = values.get(uuid);
      if (javaEqualsIgnoreCase('ENTER', proximity) || javaEqualsIgnoreCase('RANGE', proximity)) {
        if (known === undefined) {
          values.set(uuid, [latitude, longitude, timestamp, weight]);
          order.add(uuid);
        } else if (known[2] < timestamp) {
          values.set(uuid, [latitude, longitude, timestamp, weight]);
        }
      } else if (known !== undefined && known[2] < timestamp) {
        values.delete(uuid);
        order.delete(uuid);
      }
      const kept: Beacon[] = [];
      let totalWeight = 0;
      for (const key of order.keys()) {
        const beacon = values.get(key)!;
        if (timestamp - beacon[2] > BEACON_TIMEOUT) {
          values.delete(key);
          order.delete(key);
        } else {
          kept.push(beacon);
          totalWeight += beacon[3];
        }
      }
      if (kept.length === 0) {
        emit([latitude, longitude, false]);
        return;
      }
      let x = 0;
      let y = 0;
      let z = 0;
      for (const [lat, lng, , w] of kept) {
        const share = w / totalWeight;
        const phi = (lat * Math.PI) / 180.0;
        const lambda = (lng * Math.PI) / 180.0;
        x += javaCos(phi) * javaCos(lambda) * share;
        y += javaCos(phi) * javaSin(lambda) * share;
        z += javaSin(phi) * share;
      }
      const averagedLongitude = (Math.atan2(y, x) * 180) / Math.PI;
      const hyp = Math.sqrt(x * x + y * y);
      const averagedLatitude = (Math.atan2(z, hyp) * 180) / Math.PI;
      emit([averagedLatitude, averagedLongitude, true]);
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): LocationApproximateState => ({
        recorders: [...recorders].map(([recorder, b]) => [recorder, b.order.snapshot(), [...b.values]]),
      }),
      restore: (state: unknown): void => {
        const saved = asState<LocationApproximateState>(state, 'geo:locationApproximate').recorders;
        recorders = new Map(
          saved.map(([recorder, orderState, beacons]) => {
            const order = new JavaConcurrentHashMapOrder();
            order.restore(orderState);
            return [recorder, { values: new Map(beacons), order }];
          }),
        );
      },
    });
    return stateful;
  },
};
