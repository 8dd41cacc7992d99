/**
 * `#window.env:resourceBatch(resource.group.id, correlation.id[, time.in.milliseconds])`: a batch window
 * per correlation id whose size is the number of members `#env:resourceIdentifier` counts in the group,
 * as siddhi-execution-env's ResourceBatchWindowProcessor works:
 *
 * - Events are grouped by the correlation id, groups kept in the order they were opened. An event whose
 *   group is open joins it; otherwise it opens a group that expires `time` ms after the event's timestamp.
 * - After each event (and at each timer), every group is looked at, in order: a group holding at least as
 *   many events as the group has members (read then: it changes as apps start and stop) is emitted and
 *   closed. A group past its expiry is emitted with what it holds and kept, marked expired, so that late
 *   events of its id join it silently; it is dropped 5 minutes (the late-event span) after its expiry.
 * - The events a chunk or timer releases leave as one batch (current events, in group order). Their
 *   expired copies (when what follows reads expired events) and a RESET per released group are emitted
 *   at the start of the next chunk or timer, stamped with that time.
 *
 * Timers: when a group opens, one is set for its expiry and one for 5 minutes after it. A timer task sees
 * the clock at its due time, and a group expires once the clock is past its expiry (as in Siddhi, where a
 * timer runs at or after its time): the timers are set one millisecond after those instants.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { EXPIRED, type StreamEvent } from '../../event/stream-event.js';
import {
  WindowTimers,
  asState,
  checkCall,
  currentCopy,
  loadEvents,
  resetEvent,
  saveEvents,
  type SavedEvent,
} from '../../windows/common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../../windows/window.js';
import { validateWith } from '../shared/overloads.js';
import { resourceCount } from './resource-groups.js';

/** How long an expired group keeps taking (and dropping) late events: Siddhi's 5 minutes. */
export const LATE_EVENT_SPAN = 300_000;
const DEFAULT_TIME = 300_000;

interface Group {
  readonly events: StreamEvent[];
  readonly expiry: number;
  expired: boolean;
}

interface ResourceBatchState {
  groups: [unknown, SavedEvent[], number, boolean][];
  pending: SavedEvent[];
  nextEmitTime: number;
}

class ResourceBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  private groups = new Map<unknown, Group>();
  /** Expired copies and RESETs of released groups, emitted at the start of the next run. */
  private pending: StreamEvent[] = [];
  private nextEmitTime = -1;
  private readonly timers: WindowTimers;
  /** Whether what follows reads expired events (Siddhi's outputExpectsExpiredEvents). */
  private readonly keepsExpired: boolean;

  constructor(
    private readonly ctx: WindowContext,
    private readonly group: string,
    private readonly time: number,
  ) {
    this.keepsExpired = ctx.expiredBeforeResetUnread !== true;
    this.timers = new WindowTimers(ctx.scheduler, () => this.run([]));
  }

  process(chunk: StreamEvent[]): void {
    this.run(chunk);
  }

  /** One run over a chunk (empty for a timer). */
  private run(chunk: readonly StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    const out: StreamEvent[] = [];
    for (const e of this.pending) {
      e.timestamp = now;
      out.push(e);
    }
    this.pending = [];
    if (chunk.length === 0) this.releaseGroups(now, out);
    for (const e of chunk) {
      const copy = currentCopy(e);
      const key = this.ctx.args[1]!.evaluate(copy);
      const open = this.groups.get(key);
      if (open !== undefined) {
        open.events.push(copy);
      } else {
        this.groups.set(key, { events: [copy], expiry: copy.timestamp + this.time, expired: false });
        if (now + this.time > this.nextEmitTime) {
          this.nextEmitTime = now + this.time;
          this.scheduleTimers(this.nextEmitTime);
        }
      }
      this.releaseGroups(now, out);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  private scheduleTimers(emitTime: number): void {
    this.timers.schedule(emitTime + 1);
    this.timers.schedule(emitTime + LATE_EVENT_SPAN + 1);
  }

  /** Looks at every group, in order, moving the events of those it releases to `out`. */
  private releaseGroups(now: number, out: StreamEvent[]): void {
    for (const [key, g] of this.groups) {
      const size = resourceCount(this.group);
      if (g.expired) {
        if (g.expiry + LATE_EVENT_SPAN < now) this.groups.delete(key);
        continue;
      }
      if (g.events.length >= size || g.expiry + LATE_EVENT_SPAN < now) {
        this.groups.delete(key);
      } else if (g.expiry < now) {
        g.expired = true;
      } else {
        continue;
      }
      if (this.keepsExpired) {
        for (const e of g.events) this.pending.push({ timestamp: e.timestamp, data: e.data, type: EXPIRED });
      }
      this.pending.push(resetEvent(now));
      for (const e of g.events) out.push(e);
    }
  }

  contents(): StreamEvent[] {
    const held: StreamEvent[] = [];
    for (const g of this.groups.values()) if (!g.expired) held.push(...g.events);
    return held;
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): ResourceBatchState {
    return {
      groups: [...this.groups].map(([key, g]) => [key, saveEvents(g.events), g.expiry, g.expired]),
      pending: saveEvents(this.pending),
      nextEmitTime: this.nextEmitTime,
    };
  }

  restore(state: unknown): void {
    const s = asState<ResourceBatchState>(state, 'env:resourceBatch');
    this.groups = new Map(
      s.groups.map(([key, events, expiry, expired]) => [key, { events: loadEvents(events), expiry, expired }]),
    );
    this.pending = loadEvents(s.pending);
    this.nextEmitTime = s.nextEmitTime;
    this.timers.cancelAll();
    if (this.groups.size > 0 && this.nextEmitTime !== -1) {
      const now = this.ctx.scheduler.now();
      this.timers.schedule(Math.max(now, this.nextEmitTime + 1));
      this.timers.schedule(Math.max(now, this.nextEmitTime + LATE_EVENT_SPAN + 1));
    }
  }
}

const spec = {
  kind: 'window',
  namespace: 'env',
  name: 'resourceBatch',
  description:
    'A batch window per correlation id, sized by a resource group: it waits for as many events with the same ' +
    '`correlation.id` as there are `#env:resourceIdentifier` queries of `resource.group.id` running (counted across ' +
    'the apps of the process), then emits them together. Events whose group is still short when `time.in.milliseconds` ' +
    'has passed since its first event are emitted as they are; further events of that id within the next 5 minutes ' +
    'are dropped, after which the id starts a new group. Groups are kept and released in the order they were opened, ' +
    'and what one event (or timer) releases leaves as one batch. The expired events of a batch and its RESET follow at ' +
    'the next event or timer, so aggregations start afresh for the next batch. With no running identifier in the group, ' +
    'every event is released on its own.',
  parameters: [
    {
      name: 'resource.group.id',
      type: ['string'],
      constantOnly: true,
      description: 'The resource group whose members are counted (the id given to `#env:resourceIdentifier`).',
    },
    {
      name: 'correlation.id',
      type: ['string', 'int', 'long', 'float', 'double', 'bool', 'object'],
      description: 'What the events of one batch share: an attribute or expression of the input event.',
    },
    {
      name: 'time.in.milliseconds',
      type: ['int', 'long'],
      optional: true,
      constantOnly: true,
      defaultValue: '300000',
      description:
        'How long, from the first event of a correlation id, to wait for the rest before releasing what arrived ' +
        '(an int or long constant, or a time constant such as `5 sec`).',
    },
  ],
  examples: [
    {
      syntax:
        'define stream ProductStream (productId string, colorCode string, height long, width long);\n\n' +
        "@info(name='color-rule')\nfrom ProductStream#env:resourceIdentifier('product-rules')\n" +
        "select productId, colorCode == '#FF0000' as isValid\ninsert into RuleResults;\n\n" +
        "@info(name='size-rule')\nfrom ProductStream#env:resourceIdentifier('product-rules')\n" +
        'select productId, height == 5L and width == 10L as isValid\ninsert into RuleResults;\n\n' +
        "@info(name='defects')\nfrom RuleResults#window.env:resourceBatch('product-rules', productId, 2 sec)\n" +
        'select productId, or(not isValid) as isDefective\ngroup by productId\ninsert into DefectAlerts;',
      description:
        'Both rules register in "product-rules", so the window waits for their two results for each product and the ' +
        'aggregation sees both: each product is reported once, defective when either rule failed, when both results ' +
        'are in (or with what arrived within 2 seconds).',
    },
  ],
} as const satisfies ExtensionSpec;

export const resourceBatchWindow: WindowImpl = {
  spec: { ...spec, validate: validateWith(spec) },
  create(ctx: WindowContext) {
    checkCall(resourceBatchWindow.spec, ctx);
    const time = ctx.args.length === 3 ? Number(ctx.args[2]!.constant) : DEFAULT_TIME;
    return new ResourceBatchWindow(ctx, String(ctx.args[0]!.constant), time);
  },
};
