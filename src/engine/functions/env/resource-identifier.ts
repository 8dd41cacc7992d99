/**
 * `#env:resourceIdentifier('group')`: passes every event on unchanged and, while its app runs, counts as
 * one member of the resource group (see resource-groups.ts), the number `#window.env:resourceBatch`
 * waits for.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { ChunkSink, StreamEvent } from '../../event/stream-event.js';
import type { HoldingProcessor, HoldingStreamProcessorImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { joinResourceGroup, leaveResourceGroup } from './resource-groups.js';

class ResourceIdentifier implements HoldingProcessor {
  constructor(
    private readonly group: string,
    private readonly emit: ChunkSink,
  ) {}

  process(chunk: StreamEvent[]): void {
    this.emit(chunk);
  }

  start(): void {
    joinResourceGroup(this.group, this);
  }

  stop(): void {
    leaveResourceGroup(this.group, this);
  }

  snapshot(): null {
    return null;
  }

  restore(): void {}
}

const spec = {
  kind: 'streamProcessor',
  namespace: 'env',
  name: 'resourceIdentifier',
  description:
    'Marks a query as one member of a named resource group and passes its events on unchanged. From the start of its app ' +
    'to its shutdown it counts as one resource of the group; `#window.env:resourceBatch` with the same group id waits, for ' +
    'each correlation id, for as many events as the group has members. Members are counted across every app of the process ' +
    '(Siddhi counts across the JVM), and in a partition each key instance of the query counts.',
  parameters: [
    {
      name: 'resource.group.id',
      type: ['string'],
      constantOnly: true,
      description: 'The name of the resource group.',
    },
  ],
  appendedAttributes: [],
  examples: [
    {
      syntax:
        'define stream OrderStream (orderId string, amount double, country string);\n\n' +
        "@info(name='amount-check')\nfrom OrderStream#env:resourceIdentifier('order-checks')\n" +
        'select orderId, amount < 10000.0 as passed\ninsert into CheckResults;\n\n' +
        "@info(name='country-check')\nfrom OrderStream#env:resourceIdentifier('order-checks')\n" +
        "select orderId, country != 'XX' as passed\ninsert into CheckResults;\n\n" +
        "from CheckResults#window.env:resourceBatch('order-checks', orderId, 5000)\n" +
        'select orderId, and(passed) as approved\ngroup by orderId\ninsert into Decisions;',
      description:
        'Two checks register in the group "order-checks"; the last query collects, per order, the two results ' +
        '(or what arrived within 5 seconds) and approves the order when both passed.',
    },
  ],
} as const satisfies ExtensionSpec;

export const resourceIdentifier: HoldingStreamProcessorImpl = {
  holdsEvents: true,
  spec: { ...spec, validate: validateWith(spec) },
  create(ctx) {
    const group = ctx.args[0]!.constant;
    return new ResourceIdentifier(String(group), ctx.emit);
  },
};
