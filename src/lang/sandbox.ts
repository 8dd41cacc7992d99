/**
 * The sandbox form of an app (Siddhi's `createSandboxSiddhiAppRuntime`): the app without its external
 * connections, to try its logic in isolation. Streams keep only their `inMemory` sources and sinks, and
 * tables lose their `@store`, so they are in-memory tables.
 */
import type { Annotation, Definition, SiddhiApp } from './ast.js';

function typeOf(a: Annotation): string | undefined {
  return a.elements.find((e) => e.key?.toLowerCase() === 'type')?.value.trim();
}

function keep(d: Definition, a: Annotation): boolean {
  const name = a.name.toLowerCase();
  if (d.kind === 'streamDefinition' && (name === 'source' || name === 'sink')) {
    return typeOf(a)?.toLowerCase() === 'inmemory';
  }
  if (d.kind === 'tableDefinition' && name === 'store') return false;
  return true;
}

export function sandboxApp(app: SiddhiApp): SiddhiApp {
  const definitions = app.definitions.map((d): Definition => {
    const annotations = d.annotations.filter((a) => keep(d, a));
    return annotations.length === d.annotations.length ? d : { ...d, annotations };
  });
  return { ...app, definitions };
}
