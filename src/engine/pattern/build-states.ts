/**
 * Turns a pattern's or sequence's state elements into linked state processors, as Siddhi's
 * StateInputStreamParser does: slots are numbered in parse order (the right side of `and`/`or`
 * first), `every` links its last state back to its first, and the tree of inner runtimes is kept
 * for initialising, resetting (sequences) and updating the states.
 */
import type { SingleInputStream, StateElement, StreamStateElement, AbsentStateElement } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { Attribute } from '../app/app-context.js';
import { AbsentLogicalPost, AbsentLogicalPre } from './absent-logical-state.js';
import { AbsentStreamPost, AbsentStreamPre } from './absent-state.js';
import { CountPost, CountPre } from './count-state.js';
import { LogicalPost, LogicalPre } from './logical-state.js';
import type { PatternContext } from './pattern-context.js';
import type { SlotInfo } from './pattern-scope.js';
import { StreamPost, StreamPre } from './stream-state.js';

export type StateNode =
  | { readonly kind: 'leaf'; readonly first: StreamPre; readonly last: StreamPost }
  | { readonly kind: 'next'; readonly a: StateNode; readonly b: StateNode }
  | { readonly kind: 'logical'; readonly r1: StateNode; readonly r2: StateNode }
  | { readonly kind: 'every'; readonly inner: StateNode; readonly first: StreamPre };

interface Built {
  readonly first: StreamPre;
  readonly last: StreamPost;
  readonly node: StateNode;
}

export interface LeafState {
  readonly pre: StreamPre;
  readonly slot: SlotInfo;
  readonly stream: SingleInputStream;
}

export interface BuiltStates {
  readonly root: StateNode;
  readonly first: StreamPre;
  readonly last: StreamPost;
  /** Every pre processor, in Siddhi's order (expiry and snapshots walk it). */
  readonly pres: StreamPre[];
  readonly leaves: LeafState[];
  /** The absent states, in the order Siddhi starts their clocks (its startupPreStateProcessors). */
  readonly startup: StreamPre[];
}

export function buildStates(
  state: StateElement,
  pc: PatternContext,
  attributesOf: (stream: SingleInputStream) => readonly Attribute[],
): BuiltStates {
  const leaves: LeafState[] = [];
  const startup: StreamPre[] = [];
  let nextId = 0;

  const leaf = (
    el: StreamStateElement | AbsentStateElement,
    pre: StreamPre | undefined,
    post: StreamPost | undefined,
    pres: StreamPre[],
    isStart: boolean,
    isCount: boolean,
    inLogical: boolean,
  ): Built => {
    const id = nextId++;
    const absent = el.kind === 'absentState';
    if (pre === undefined) {
      pre = absent ? new AbsentStreamPre(pc, el.forMillis ?? 0) : new StreamPre(pc);
      if (absent) startup.push(pre);
    }
    if (post === undefined) post = absent ? new AbsentStreamPost() : new StreamPost();
    pre.stateId = id;
    pre.isStart = isStart;
    post.stateId = id;
    post.pre = pre;
    pre.post = post;
    pre.lastPost = post;
    pres.push(pre);
    const attributes = attributesOf(el.stream);
    leaves.push({
      pre,
      stream: el.stream,
      slot: {
        id,
        streamId: el.stream.streamId,
        ref: el.kind === 'streamState' ? el.eventRef : undefined,
        attributes,
        isCount,
        isAbsent: absent,
        certain: !absent && !isCount && !inLogical,
      },
    });
    return { first: pre, last: post, node: { kind: 'leaf', first: pre, last: post } };
  };

  const parse = (el: StateElement, pres: StreamPre[], isStart: boolean): Built => {
    switch (el.kind) {
      case 'streamState':
      case 'absentState':
        return leaf(el, undefined, undefined, pres, isStart, false, false);
      case 'groupState':
        return parse(el.element, pres, isStart);
      case 'nextState': {
        const a = parse(el.first, pres, isStart);
        const b = parse(el.next, pres, false);
        a.last.setNext(b.first);
        return { first: a.first, last: b.last, node: { kind: 'next', a: a.node, b: b.node } };
      }
      case 'everyState': {
        const inner: StreamPre[] = [];
        const b = parse(el.element, inner, isStart);
        b.last.setNextEvery(b.first);
        for (const p of inner) p.withinEvery = b.first;
        pres.push(...inner);
        return { first: b.first, last: b.last, node: { kind: 'every', inner: b.node, first: b.first } };
      }
      case 'countState': {
        const min = el.min < 0 ? 0 : el.min;
        const max = el.max < 0 ? Number.MAX_SAFE_INTEGER : el.max;
        const pre = new CountPre(pc, min, max);
        const post = new CountPost(min, max);
        pre.countPost = post;
        return leaf(el.element, pre, post, pres, isStart, true, false);
      }
      case 'logicalState': {
        const side = (s: StreamStateElement | AbsentStateElement): [LogicalPre, LogicalPost] =>
          s.kind === 'absentState'
            ? [
                new AbsentLogicalPre(pc, el.op, s.forMillis ?? -1, attributesOf(s.stream).length),
                new AbsentLogicalPost(el.op),
              ]
            : [new LogicalPre(pc, el.op), new LogicalPost(el.op)];
        // Siddhi's compiler puts the absent side first when only one side is absent.
        const [left, right] =
          el.right.kind === 'absentState' && el.left.kind !== 'absentState' ? [el.right, el.left] : [el.left, el.right];
        const [pre1, post1] = side(left);
        const [pre2, post2] = side(right);
        // Siddhi registers the left side's clock before the right's, both before parsing either.
        if (pre1.isAbsent) startup.push(pre1);
        if (pre2.isAbsent) startup.push(pre2);
        post1.partnerPre = pre2;
        post2.partnerPre = pre1;
        post1.partner = post2;
        post2.partner = post1;
        pre1.partner = pre2;
        pre2.partner = pre1;
        const r2 = leaf(right, pre2, post2, pres, isStart, false, true);
        const r1 = leaf(left, pre1, post1, pres, isStart, false, true);
        return { first: r1.first, last: r2.last, node: { kind: 'logical', r1: r1.node, r2: r2.node } };
      }
    }
  };

  const pres: StreamPre[] = [];
  const top = parse(state, pres, true);
  if (leaves.length === 0) throw new CompileError('a pattern needs at least one stream', state.span);
  top.first.lastPost = top.last;
  return { root: top.node, first: top.first, last: top.last, pres, leaves, startup };
}

export function initNode(n: StateNode): void {
  switch (n.kind) {
    case 'leaf':
      return n.first.init();
    case 'next':
      initNode(n.a);
      return initNode(n.b);
    case 'logical':
      initNode(n.r2);
      return initNode(n.r1);
    case 'every':
      return initNode(n.inner);
  }
}

export function resetNode(n: StateNode): void {
  switch (n.kind) {
    case 'leaf':
    case 'every':
      return n.first.resetState();
    case 'next':
      resetNode(n.b);
      return resetNode(n.a);
    case 'logical':
      return resetNode(n.r2);
  }
}

export function updateNode(n: StateNode): void {
  switch (n.kind) {
    case 'leaf':
    case 'every':
      return n.first.updateState();
    case 'next':
      updateNode(n.a);
      return updateNode(n.b);
    case 'logical':
      return updateNode(n.r2);
  }
}

export function setSelector(n: StateNode): void {
  switch (n.kind) {
    case 'leaf':
      n.last.hasSelector = true;
      return;
    case 'next':
      return setSelector(n.b);
    case 'logical':
      setSelector(n.r2);
      return setSelector(n.r1);
    case 'every':
      return setSelector(n.inner);
  }
}

/** The order Siddhi's receivers register the states of each stream in. */
export function setupOrder(n: StateNode, out: StreamPre[] = []): StreamPre[] {
  switch (n.kind) {
    case 'leaf':
      out.push(n.first);
      break;
    case 'next':
      setupOrder(n.a, out);
      setupOrder(n.b, out);
      break;
    case 'logical':
      setupOrder(n.r2, out);
      setupOrder(n.r1, out);
      break;
    case 'every':
      setupOrder(n.inner, out);
      break;
  }
  return out;
}
