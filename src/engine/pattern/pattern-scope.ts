/**
 * The scope of a pattern's expressions. The generated code reads the match's slots `d`: `e1.price`
 * is `d[0].data[2]`, `e1[0].price` / `e1[last].price` index a counting slot, `e1.price` on a
 * counting slot is the list of its prices. In a state's own condition, unqualified attributes (and
 * the state's own reference) read the arriving event `x`.
 */
import type { AttributeType, EventIndex, IsNullStreamExpression, Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { Attribute } from '../app/app-context.js';

export interface SlotInfo {
  readonly id: number;
  readonly streamId: string;
  readonly ref: string | undefined;
  readonly attributes: readonly Attribute[];
  readonly isCount: boolean;
  readonly isAbsent: boolean;
  /** A plain stream state outside `and`/`or`: always filled once the match passed it. */
  readonly certain: boolean;
}

export interface PatternScopeOptions {
  /** The state whose condition is compiled (its event is `x`); undefined for the selector. */
  readonly current?: SlotInfo;
  readonly param?: string;
}

/**
 * Code reading one event of a counting slot. In the state's own condition the arriving event is
 * already the slot's last, and indexes (as in Siddhi) see only the events before it.
 */
function indexCode(base: string, index: EventIndex, own: boolean): string {
  if (index.kind === 'last') return `${base}?.at(${(own ? -2 : -1) - index.minus})`;
  return own
    ? `(${base} !== null && ${index.index} < ${base}.length - 1 ? ${base}[${index.index}] : undefined)`
    : `${base}?.[${index.index}]`;
}

export class PatternScope implements Scope {
  readonly timestampCode = 'ts';
  private readonly p: string;

  constructor(
    private readonly slots: readonly SlotInfo[],
    private readonly opts: PatternScopeOptions = {},
  ) {
    this.p = opts.param ?? 'd';
  }

  private slotNamed(name: string): SlotInfo | undefined {
    return this.slots.find((s) => s.ref === name) ?? this.slots.find((s) => s.ref === undefined && s.streamId === name);
  }

  private certain(s: SlotInfo): boolean {
    const cur = this.opts.current;
    return s.certain && (cur === undefined || s.id < cur.id);
  }

  private read(s: SlotInfo, i: number, type: AttributeType, index: EventIndex | undefined): ResolvedVariable {
    const d = `${this.p}[${s.id}]`;
    if (s === this.opts.current && index === undefined) return { code: `x[${i}]`, type };
    if (s.isCount) {
      if (index !== undefined) {
        return { code: `(${indexCode(d, index, s === this.opts.current)}?.data[${i}] ?? null)`, type };
      }
      return { code: `(${d} === null ? null : ${d}.map((e) => e.data[${i}]))`, type: 'object' };
    }
    if (index !== undefined) {
      return index.kind === 'at' && index.index === 0
        ? this.read(s, i, type, undefined)
        : { code: index.kind === 'last' && index.minus === 0 ? this.read(s, i, type, undefined).code : 'null', type };
    }
    if (this.certain(s)) return { code: `${d}.data[${i}]`, type };
    return { code: `(${d} === null ? null : ${d}.data[${i}])`, type };
  }

  resolve(v: Variable): ResolvedVariable | string {
    if (v.streamId !== undefined) {
      const s = this.slotNamed(v.streamId);
      if (s === undefined) {
        const names = this.slots.map((x) => x.ref ?? x.streamId).join(', ');
        return `unknown event reference '${v.streamId}' in '${v.streamId}.${v.name}'; this pattern has ${names}`;
      }
      const i = s.attributes.findIndex((a) => a.name === v.name);
      if (i < 0) {
        return `'${v.name}' is not an attribute of ${s.streamId}; it has ${s.attributes.map((a) => a.name).join(', ')}`;
      }
      return this.read(s, i, s.attributes[i]!.type, v.streamIndex);
    }
    const cur = this.opts.current;
    if (cur !== undefined) {
      const i = cur.attributes.findIndex((a) => a.name === v.name);
      if (i >= 0) return { code: `x[${i}]`, type: cur.attributes[i]!.type };
    }
    for (const s of this.slots) {
      if (s.isAbsent) continue;
      const i = s.attributes.findIndex((a) => a.name === v.name);
      if (i >= 0) return this.read(s, i, s.attributes[i]!.type, undefined);
    }
    return `'${v.name}' is not an attribute of any stream of this pattern`;
  }

  resolveNullStream(e: IsNullStreamExpression): string | undefined {
    const s = this.slotNamed(e.streamId);
    if (s === undefined) return undefined;
    if (s === this.opts.current && (e.streamIndex === undefined || !s.isCount)) return 'false';
    const d = `${this.p}[${s.id}]`;
    if (e.streamIndex !== undefined && s.isCount)
      return `(${indexCode(d, e.streamIndex, s === this.opts.current)} == null)`;
    return `(${d} === null)`;
  }

  resolveTimestampOf(ref: string): string | undefined {
    const s = this.slotNamed(ref);
    if (s === undefined) return undefined;
    if (s === this.opts.current) return 'ts';
    const d = `${this.p}[${s.id}]`;
    if (s.isCount) return `(${d}?.at(-1)?.timestamp ?? null)`;
    return `(${d} === null ? null : ${d}.timestamp)`;
  }

  starAttributes(): readonly ResolvedVariable[] {
    return this.all().map((a) => ({ code: a.code, type: a.type }));
  }

  /** What `select *` lists: the attributes of every non-absent state, in state order. */
  all(): { name: string; type: AttributeType; code: string }[] {
    const out: { name: string; type: AttributeType; code: string }[] = [];
    for (const s of [...this.slots].sort((a, b) => a.id - b.id)) {
      if (s.isAbsent) continue;
      s.attributes.forEach((a, i) => {
        const r = this.read(s, i, a.type, undefined);
        out.push({ name: a.name, type: r.type, code: r.code });
      });
    }
    return out;
  }
}
