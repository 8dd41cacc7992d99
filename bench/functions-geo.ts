/**
 * A projection calling the geo: library per event (geo:distance from the previous location, geo:within a
 * constant polygon fence), in events per second (median of 5), beside plain JavaScript doing the same:
 * the haversine formula with V8's Math and a ray-casting point-in-polygon test.
 * node --import tsx bench/functions-geo.ts [--quick]
 */
import { runFunctionBench } from './function-bench.js';

/** A fence of 12 vertices around Sri Lanka (longitude, latitude). */
const FENCE: readonly (readonly [number, number])[] = [
  [79.7, 5.9],
  [80.6, 5.8],
  [81.4, 6.3],
  [81.9, 7.2],
  [81.8, 8.0],
  [81.2, 8.7],
  [80.6, 9.5],
  [80.1, 9.9],
  [79.8, 9.3],
  [79.9, 8.2],
  [79.7, 7.0],
  [79.7, 5.9],
];
const GEOJSON = `{'type':'Polygon','coordinates':[[${FENCE.map(([x, y]) => `[${x},${y}]`).join(',')}]]}`;

const APP = `
define stream S (id string, latitude double, longitude double, prevLatitude double, prevLongitude double);
@info(name='q') from S
select id, geo:distance(latitude, longitude, prevLatitude, prevLongitude) as distance,
       geo:within(longitude, latitude, "${GEOJSON}") as inside
insert into Out;`;

// Vehicles wandering over the island and around it: about half the locations are inside the fence.
const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) {
  const lat = 5 + ((i * 37) % 100) / 18;
  const lng = 79 + ((i * 53) % 100) / 30;
  events.push([`v${i % 50}`, lat, lng, lat - 0.01 * (i % 7), lng + 0.01 * (i % 5)]);
}

function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = Math.PI / 180;
  const dlat = (lat2 - lat1) * r;
  const dlng = (lng2 - lng1) * r;
  const a = Math.sin(dlat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dlng / 2) ** 2;
  return 6371000 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

function inside(x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = FENCE.length - 1; i < FENCE.length; j = i++) {
    const [xi, yi] = FENCE[i]!;
    const [xj, yj] = FENCE[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function baseline(n: number): void {
  let sink: unknown[] = [];
  let within = 0;
  for (let i = 0; i < n; i++) {
    const e = events[i % 1000]!;
    const lat = e[1] as number;
    const lng = e[2] as number;
    const d = haversine(lat, lng, e[3] as number, e[4] as number);
    const k = inside(lng, lat);
    if (k) within++;
    sink = [e[0], d, k];
  }
  if (sink.length !== 3 || within === 0 || within === n) throw new Error('loop');
}

runFunctionBench({
  label: 'functions geo: (distance and within a 12-vertex fence per event)',
  app: APP,
  events,
  expectedOutputs: (n) => n + n / 10,
  baseline,
});
