/**
 * Where the halves of a request/response pair of transports find each other, per app (two apps may use the
 * same ids): a service source by its `source.id` (the response sinks answer the requests it holds), the
 * response sources of a call sink by its `sink.id`. Each transport family keeps its own registries, so an
 * `http-service` and a `grpc-service` source may share an id.
 */

const key = (app: string, id: string): string => `${app}\u0000${id}`;

/** One holder per app and id (a service source by `source.id`). */
export class SingleRegistry<T> {
  private readonly byKey = new Map<string, T>();

  /** `what` names the holders in errors, e.g. 'http-service source'. */
  constructor(
    private readonly what: string,
    private readonly idName: string,
  ) {}

  register(app: string, id: string, holder: T): void {
    const k = key(app, id);
    const other = this.byKey.get(k);
    if (other !== undefined && other !== holder) {
      throw new Error(`another ${this.what} of app '${app}' already has ${this.idName} '${id}'`);
    }
    this.byKey.set(k, holder);
  }

  unregister(app: string, id: string, holder: T): void {
    const k = key(app, id);
    if (this.byKey.get(k) === holder) this.byKey.delete(k);
  }

  find(app: string, id: string): T | undefined {
    return this.byKey.get(key(app, id));
  }
}

/** Any number of holders per app and id, in registration order (the response sources of a call sink). */
export class GroupRegistry<T> {
  private readonly byKey = new Map<string, Set<T>>();

  add(app: string, id: string, holder: T): void {
    const k = key(app, id);
    let set = this.byKey.get(k);
    if (!set) this.byKey.set(k, (set = new Set()));
    set.add(holder);
  }

  remove(app: string, id: string, holder: T): void {
    const k = key(app, id);
    const set = this.byKey.get(k);
    set?.delete(holder);
    if (set?.size === 0) this.byKey.delete(k);
  }

  all(app: string, id: string): T[] {
    return [...(this.byKey.get(key(app, id)) ?? [])];
  }
}
