/**
 * What the language layer knows of extensions: their self-describing specs (pure data).
 * The engine's registry holds specs together with implementations and satisfies `Catalog`;
 * the validator, the docs generator and the editor's completion read only these specs.
 */
import type { AttributeType } from './ast.js';

export type ExtensionKind =
  | 'function'
  | 'aggregator'
  | 'window'
  | 'streamFunction'
  | 'streamProcessor'
  | 'source'
  | 'sink'
  | 'sourceMapper'
  | 'sinkMapper'
  | 'store';

/** A parameter's accepted types; `'time'` accepts time constants (`1 sec`) and int/long millis. */
export type ParameterType = AttributeType | 'time';

export interface ParameterSpec {
  readonly name: string;
  readonly type: readonly ParameterType[];
  readonly description: string;
  readonly optional?: boolean;
  /** A default, shown in the docs. */
  readonly defaultValue?: string;
  /** The argument must be a constant, not an attribute or expression. */
  readonly constantOnly?: boolean;
  /** This parameter may repeat (variadic tail). */
  readonly repeat?: boolean;
}

/** One accepted way to call an extension: an ordered list of parameter names. */
export type Signature = readonly string[];

export interface ExampleSpec {
  readonly syntax: string;
  readonly description: string;
}

/** Option of a source, sink, mapper or store (`@source(type='http', receiver.url='...')`). */
export interface OptionSpec {
  readonly name: string;
  readonly type: readonly ParameterType[];
  readonly description: string;
  readonly optional: boolean;
  readonly defaultValue?: string;
  /** The value may hold `{{attr}}` templates resolved per event. */
  readonly dynamic?: boolean;
  /**
   * The option stands for a family of options whose names start with this prefix (`regex.` for the text
   * mapper's `regex.A`, `regex.B`, ...): `name` is then only how the reference shows it.
   */
  readonly family?: string;
}

export interface ReturnSpec {
  /** Fixed return types; when several, `returnTypeOf` decides from the argument types. */
  readonly type: readonly AttributeType[];
  readonly description: string;
}

export interface AppendedAttributeSpec {
  readonly name: string;
  readonly type: AttributeType;
  readonly description: string;
}

export interface ExtensionSpec {
  readonly kind: ExtensionKind;
  /** '' for core. */
  readonly namespace: string;
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** Accepted call shapes; undefined means: the parameters in order, optional ones may be left off at the end. */
  readonly signatures?: readonly Signature[];
  readonly returns?: ReturnSpec;
  /**
   * Attributes a stream processor appends to each event (`#pol2Cart` adds x and y), as the docs show them.
   * When `appendedAttributesOf` is given, it decides what a call appends.
   */
  readonly appendedAttributes?: readonly AppendedAttributeSpec[];
  /**
   * The attributes one call appends, for processors whose appended attributes follow their arguments
   * (`#pol2Cart` appends z only when given a z; `#rdbms:query` appends what its definition list names;
   * `#streamingml:updatePerceptronClassifier` names a `<feature>.weight` after each feature attribute).
   * `constants` holds the constant value of each argument, or undefined when it is not a constant;
   * `argNames` the attribute each argument names, or undefined where it is not a plain attribute.
   */
  readonly appendedAttributesOf?: (
    argTypes: readonly AttributeType[],
    constants: readonly unknown[],
    argNames: readonly (string | undefined)[],
  ) => readonly { readonly name: string; readonly type: AttributeType }[];
  readonly options?: readonly OptionSpec[];
  readonly examples: readonly ExampleSpec[];
  /**
   * Computes the return type from the argument types, for functions whose type depends on them
   * (`max(int)` is int, `convert(x, 'string')` is string). `constants` holds the constant value of each
   * argument, or undefined when it is not a constant.
   */
  readonly returnTypeOf?: (argTypes: readonly AttributeType[], constants: readonly unknown[]) => AttributeType;
  /**
   * Extra validation of a call. Returns an error message (what is wrong and how to fix it), or undefined.
   */
  readonly validate?: (argTypes: readonly AttributeType[], constants: readonly unknown[]) => string | undefined;
}

/**
 * The attributes a call of a stream function or processor appends: `appendedAttributesOf` when the spec has
 * it (an empty list when it throws), else the declared `appendedAttributes`.
 */
export function appendedAttributesOfCall(
  spec: ExtensionSpec,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
  argNames: readonly (string | undefined)[],
): readonly { readonly name: string; readonly type: AttributeType }[] {
  if (spec.appendedAttributesOf) {
    try {
      return spec.appendedAttributesOf(argTypes, constants, argNames);
    } catch {
      return [];
    }
  }
  return spec.appendedAttributes ?? [];
}

export interface Catalog {
  /** The spec of `namespace:name` of the given kind, case-insensitive on the name, or undefined. */
  lookup(kind: ExtensionKind, namespace: string, name: string): ExtensionSpec | undefined;
  /** Every spec of a kind (for docs and completion). */
  list(kind?: ExtensionKind): readonly ExtensionSpec[];
}
