/** An app on a virtual clock whose query 'q1' is recorded: its current outputs, and the stack of each callback. */
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { InMemoryPersistenceStore } from '../../src/engine/persistence/persistence-store.js';
import { callStack } from './call-stack.js';

export interface RecordedApp {
  readonly rt: ReturnType<SiddhiManager['createSiddhiAppRuntime']>;
  /** The data of each current event q1 outputs, in order. */
  readonly out: unknown[][];
  /** The stack at each call of q1's callback (which path brought the output). */
  readonly stacks: string[];
}

/** Starts `app` (persisting into `store`); q1 must output current events only. */
export function startRecorded(app: string, store = new InMemoryPersistenceStore()): RecordedApp {
  const m = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger(), persistenceStore: store });
  const rt = m.createSiddhiAppRuntime(app);
  const out: unknown[][] = [];
  const stacks: string[] = [];
  rt.addQueryCallback('q1', (_ts, ins, rem) => {
    stacks.push(callStack());
    assert.equal(rem, null);
    for (const e of ins ?? []) out.push(e.data);
  });
  rt.start();
  return { rt, out, stacks };
}
