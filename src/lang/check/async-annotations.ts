/**
 * Checks of `@async`, Siddhi's asynchronous-junction annotation. It belongs on a stream definition
 * (`@async(buffer.size='64', workers='2', batch.size.max='10')`); on the app (`@app:async`) Siddhi
 * refuses the app. A stream's `workers` and `batch.size.max` must be positive whole numbers.
 */
import type { Annotation } from '../ast.js';
import { annotationsNamed } from './annotations.js';
import type { CheckContext } from './context.js';

export function checkAppAsync(ctx: CheckContext, appAnnotations: readonly Annotation[]): void {
  for (const a of annotationsNamed(appAnnotations, 'app:async')) {
    ctx.error(
      a.span,
      `@app:async is not supported on the app: put @async(buffer.size='...') on the streams to process asynchronously`,
    );
  }
}

const WHOLE = /^[+-]?\d+$/;

export function checkStreamAsync(ctx: CheckContext, stream: string, annotations: readonly Annotation[]): void {
  for (const a of annotationsNamed(annotations, 'async')) {
    for (const el of a.elements) {
      const key = el.key?.toLowerCase();
      if (key !== 'buffer.size' && key !== 'workers' && key !== 'batch.size.max') continue;
      const text = el.value.trim();
      const n = WHOLE.test(text) ? Number(text) : NaN;
      if (Number.isNaN(n) || !Number.isSafeInteger(n)) {
        ctx.error(el.span, `@async '${el.key}' of stream '${stream}' must be a whole number, but found '${el.value}'`);
      } else if (key !== 'buffer.size' && n <= 0) {
        ctx.error(
          el.span,
          `@async '${el.key}' of stream '${stream}' must be greater than zero, but found '${el.value}'`,
        );
      }
    }
  }
}
