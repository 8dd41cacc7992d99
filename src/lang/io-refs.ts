/**
 * Named transport and store configurations (Siddhi's `refs` of deployment.yaml): `@source(ref='name')`,
 * `@sink(ref='name')`, `@destination(ref='name')` and `@store(ref='name')` take their `type` and options from
 * the configuration called `name`; an element written in the annotation wins over the configured one. A
 * `ref` with no configuration of that name is an error at the annotation.
 */
import type { Annotation, AnnotationElement, Definition, SiddhiApp } from './ast.js';
import { diagnosticAt, type Diagnostic } from './errors.js';

/** Configuration name to its elements, e.g. `{ orders: { type: 'inMemory', topic: 'Orders' } }`. */
export type IoRefs = Readonly<Record<string, Readonly<Record<string, string>>>>;

const REF_TARGETS = new Set(['source', 'sink', 'store', 'destination']);

export function resolveIoRefs(app: SiddhiApp, refs: IoRefs): { app: SiddhiApp; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const resolve = (a: Annotation): Annotation => {
    const nested = a.annotations.map(resolve);
    const kind = a.name.toLowerCase();
    const ref = REF_TARGETS.has(kind) ? a.elements.find((e) => e.key?.toLowerCase() === 'ref') : undefined;
    if (!ref) return nested.every((n, i) => n === a.annotations[i]) ? a : { ...a, annotations: nested };
    const name = ref.value.trim();
    const config = Object.hasOwn(refs, name) ? refs[name] : undefined;
    if (config === undefined) {
      const known = Object.keys(refs);
      diagnostics.push(
        diagnosticAt(
          a.span,
          `@${a.name}(ref='${name}') names no configuration: ` +
            (known.length > 0
              ? `known refs are ${known.join(', ')}`
              : `pass it in the SiddhiManager's refs, or under refs: in a config file (--config FILE of tributary run, validate and serve)`),
        ),
      );
      return { ...a, annotations: nested };
    }
    const own = a.elements.filter((e) => e !== ref);
    const written = new Set(own.map((e) => e.key?.toLowerCase()));
    const configured: AnnotationElement[] = Object.entries(config)
      .filter(([key]) => !written.has(key.toLowerCase()))
      .map(([key, value]) => ({ key, value, span: ref.span }));
    return { ...a, elements: [...configured, ...own], annotations: nested };
  };
  const definitions = app.definitions.map((d): Definition => {
    const annotations = d.annotations.map(resolve);
    return annotations.every((x, i) => x === d.annotations[i]) ? d : { ...d, annotations };
  });
  return { app: { ...app, definitions }, diagnostics };
}
