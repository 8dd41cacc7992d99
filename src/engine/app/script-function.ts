/** `define function f[javascript] return type { body }`: the body runs with the arguments in `data`. */
import type { FunctionDefinition } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { FunctionImpl } from '../registry/extension-impl.js';

export function scriptFunction(def: FunctionDefinition): FunctionImpl {
  const lang = def.language.toLowerCase();
  if (lang !== 'javascript' && lang !== 'js') {
    throw new CompileError(
      `function '${def.id}': language '${def.language}' is not supported; use javascript`,
      def.span,
    );
  }
  let body: (data: unknown[]) => unknown;
  try {
    body = new Function('data', def.body) as (data: unknown[]) => unknown;
  } catch (e) {
    throw new CompileError(`function '${def.id}': its body does not compile: ${(e as Error).message}`, def.span);
  }
  const returnType = def.returnType;
  return {
    spec: {
      kind: 'function',
      namespace: '',
      name: def.id,
      description: `Script function defined in the app (${def.language}).`,
      parameters: [
        {
          name: 'args',
          type: ['string', 'int', 'long', 'float', 'double', 'bool', 'object'],
          description: 'any',
          optional: true,
          repeat: true,
        },
      ],
      returns: { type: [returnType], description: "the body's result" },
      examples: [],
    },
    create:
      () =>
      (...args: unknown[]) =>
        coerce(body(args), returnType),
  };
}

function coerce(v: unknown, type: string): unknown {
  if (v === undefined || v === null) return null;
  switch (type) {
    case 'int':
      return Number(v) | 0;
    case 'long':
      return Math.trunc(Number(v));
    case 'float':
      return Math.fround(Number(v));
    case 'double':
      return Number(v);
    case 'bool':
      return typeof v === 'string' ? v.toLowerCase() === 'true' : Boolean(v);
    case 'string':
      return String(v);
    default:
      return v;
  }
}
