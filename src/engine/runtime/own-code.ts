/**
 * Per-query copies of the code on a query's per-event path.
 *
 * V8 keeps type feedback per compiled function. A method every query shares, such as the selector's
 * `processOne`, sees every query's generated projection, next stage and callback at its call sites.
 * Past four targets a call site turns megamorphic: V8 stops inlining through it and each call goes
 * through a generic lookup. One app alone keeps its call sites monomorphic, but a process running many
 * apps (a server, the benchmark's scenarios in one process) makes them megamorphic for everyone.
 * Measured on filter-projection: 27–30M events/s for the first runtime in a process, 15–21M for the
 * next ones.
 *
 * So each query gets its own copy of the classes and functions on its per-event path, compiled anew
 * from their source. A copy's call sites then see only that query's targets. Instances of one query
 * (in each partition key) share their query's copies.
 *
 * A copy is compiled without its module around it, so whatever module-level name it uses (imports,
 * module constants, helper functions) is given in its `scope`. test/engine/own-code.test.ts checks
 * every ownable's scope against the names its source uses.
 *
 * Copies cost memory and compile time, and machine code: with every copy run on every event, 100
 * queries reading one stream ran 1.5x slower with copies than without, 200 queries 2.4x, 500 queries 4x
 * (their code no longer fits the processor's caches; 50 queries ran alike). So at most
 * OWN_CODE_QUERIES queries in a process hold copies at once: an app's queries take what is left when
 * it is built, the others run the shared code, and an app gives its share back at shutdown (or when it
 * is garbage-collected without one).
 *
 * Copies are made only where this module runs from its own file (dist/ or src/): a bundler may rename
 * module-level names (minifying, or two modules' names colliding), and a copy's scope would then not
 * supply the names its source uses. `TRIBUTARY_OWN_CODE=off` turns copies off, for stack traces that
 * name the source files rather than `tributary-own/<class>/<n>.js`.
 */

/** Module-level names a copied class or function uses, by name. */
export type OwnScope = Readonly<Record<string, unknown>>;

/** A class or function that can be copied per query, with the scope its source needs. */
export interface Ownable<T> {
  readonly original: T;
  readonly scope: OwnScope;
}

const registered: Ownable<unknown>[] = [];

/** Declares `original` ownable: `scope` names every module-level binding its source uses. */
export function ownable<T extends object>(original: T, scope: OwnScope): Ownable<T> {
  const o = { original, scope };
  registered.push(o);
  return o;
}

/** Every ownable declared so far (for the scope check). */
export function ownables(): readonly Ownable<unknown>[] {
  return registered;
}

let copies = 0;

/** esbuild (tsx) keeps names with a `__name` helper the source then calls: the copy gets a no-op one. */
const keepName = <T>(target: T): T => target;

/** Compiles a fresh copy of `o.original` from its source. */
export function copyOf<T extends object>(o: Ownable<T>): T {
  const source = o.original.toString();
  const names = Object.keys(o.scope);
  const label = (o.original as { name?: string }).name || 'anonymous';
  // The sourceURL names the copy in stack traces and makes each source unique: V8 caches compiled
  // functions by source, and a cached one would bring its shared feedback back.
  const make = new Function(
    '__name',
    ...names,
    `"use strict";\nreturn (${source});\n//# sourceURL=tributary-own/${label}/${++copies}.js`,
  ) as (...args: unknown[]) => T;
  return make(keepName, ...names.map((n) => o.scope[n]));
}

/** One query's copies: each ownable is copied once, on first use. */
export type OwnCode = <T extends object>(o: Ownable<T>) => T;

/** The original code, uncopied. */
const sharedCode: OwnCode = (o) => o.original;

/** Whether queries get their own copies (see the module comment). */
export const ownCodeEnabled =
  /\/engine\/runtime\/own-code\.[jt]s$/.test(import.meta.url) && globalThis.process?.env.TRIBUTARY_OWN_CODE !== 'off';

/** `o` as `code` has it: its copy there, or the original when there is no own code. */
export function own<T extends object>(code: OwnCode | undefined, o: Ownable<T>): T {
  return code === undefined ? o.original : code(o);
}

/** How many queries in a process hold copies at once (see the module comment). */
export const OWN_CODE_QUERIES = 32;
let holding = 0;

/** Queries holding copies now, in the whole process. */
export function queriesHoldingOwnCode(): number {
  return holding;
}

/** An app's share: how many of its queries hold copies. */
interface Share {
  count: number;
}

const collected = new FinalizationRegistry<Share>((s) => giveBack(s));

function giveBack(s: Share): void {
  holding -= s.count;
  s.count = 0;
}

/** The share of the app being built, which the copy sets made now count in. */
let building: Share | undefined;

/**
 * Counts the copy sets made from now until `end()` as `owner`'s (an app being built). `release()` gives
 * them back; so does the garbage collection of `owner`, for an app never shut down.
 */
export function ownCodeShare(owner: object): { end(): void; release(): void } {
  const share: Share = { count: 0 };
  const outer = building;
  building = share;
  collected.register(owner, share, share);
  return {
    end: () => {
      building = outer;
    },
    release: () => {
      collected.unregister(share);
      giveBack(share);
    },
  };
}

/**
 * A fresh set of copies (one per query). The original code when copies are off, or when the app being
 * built finds OWN_CODE_QUERIES queries holding copies already. Sets made outside an app's build (tests)
 * are not counted.
 */
export function ownCode(): OwnCode {
  if (!ownCodeEnabled) return sharedCode;
  if (building !== undefined) {
    if (holding >= OWN_CODE_QUERIES) return sharedCode;
    holding++;
    building.count++;
  }
  const made = new Map<Ownable<unknown>, unknown>();
  return <T extends object>(o: Ownable<T>): T => {
    let c = made.get(o) as T | undefined;
    if (c === undefined) made.set(o, (c = copyOf(o)));
    return c;
  };
}
