/**
 * What the arguments of `#rdbms:query` and `#rdbms:cud` mean, decided from their types and constants as
 * Siddhi decides it when it creates the processors (siddhi-store-rdbms: `QueryStreamProcessor.init`,
 * `CUDStreamProcessor.processAttributeExpressionExecutors`, `RDBMSStreamProcessorUtil.validateDatasourceName`).
 * The checker, the docs' appended attributes and the processors all read the same shapes.
 */
import type { AttributeType } from '../../lang/ast.js';
import { javaSplit } from '../../engine/functions/shared/java-regex.js';
import { javaTrim } from '../../engine/functions/shared/java-string.js';
import type { ReadType } from './column-values.js';

export interface DefinedAttribute {
  readonly name: string;
  readonly type: ReadType;
}

const TYPES: Readonly<Record<string, ReadType>> = {
  string: 'string',
  int: 'int',
  long: 'long',
  double: 'double',
  float: 'float',
  bool: 'bool',
};

/** Java's `\s` (what `split("\\s")` splits at): space, tab, newline, vertical tab, form feed, carriage return. */
const JAVA_SPACE = '[ \\t\\n\\x0B\\f\\r]';

/**
 * Reads `attribute.definition.list` (`'name string, amount int'`): comma-separated pairs of a name and a type
 * split by one whitespace character; the type is one of string, int, long, double, float, bool, in any case.
 */
export function parseDefinitionList(text: string): DefinedAttribute[] | string {
  const out: DefinedAttribute[] = [];
  for (const item of javaSplit(text, ',')) {
    const pair = javaSplit(javaTrim(item), JAVA_SPACE);
    if (pair.length !== 2) {
      return (
        `attribute.definition.list '${text}' must be a comma-separated list of '<name> <type>' pairs ` +
        `(one space between name and type), but found '${javaTrim(item)}'`
      );
    }
    const [name, typeName] = pair as [string, string];
    const type = TYPES[typeName.toLowerCase()];
    if (type === undefined) {
      return (
        `attribute.definition.list names the type '${typeName}' for '${name}': ` +
        `the types are string, int, long, double, float and bool`
      );
    }
    out.push({ name, type });
  }
  return out;
}

/** The number of `?` characters of a query, wherever they are (Siddhi counts them all). */
export function questionMarks(query: string): number {
  let n = 0;
  for (let i = 0; i < query.length; i++) if (query.charCodeAt(i) === 63) n++;
  return n;
}

/** The datasource name: a constant, not blank. */
function datasourceName(constants: readonly unknown[]): string {
  const name = constants[0];
  if (typeof name !== 'string') {
    throw new Error(`datasource.name must be a constant string naming a datasource, e.g. 'SAMPLE_DB'`);
  }
  if (name.trim() === '') throw new Error(`datasource.name is empty: give the name of a datasource`);
  return name;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface QueryShape {
  readonly datasource: string;
  readonly attributes: readonly DefinedAttribute[];
  /** Argument indexes of the values bound to the query's `?`s, in order. */
  readonly parameters: readonly number[];
  /** `ack.empty.result.set`: one event with nulls when the query returns no row. */
  readonly ackEmptyResultSet: boolean;
}

/**
 * `#rdbms:query(datasource.name, attribute.definition.list, query, parameter..., ack.empty.result.set)`. As in
 * Siddhi: the last argument is ack.empty.result.set when it is a constant bool; the arguments between the query
 * and it are parameters, and then the query must be a constant with as many `?` as there are parameters.
 * Throws an Error with the message of what is wrong.
 */
export function queryShape(argTypes: readonly AttributeType[], constants: readonly unknown[]): QueryShape {
  const datasource = datasourceName(constants);
  const list = constants[1];
  if (typeof list !== 'string') {
    throw new Error(`attribute.definition.list must be a constant string, e.g. 'name string, amount int'`);
  }
  const attributes = parseDefinitionList(list);
  if (typeof attributes === 'string') throw new Error(attributes);
  const n = argTypes.length;
  const ack = n > 3 && typeof constants[n - 1] === 'boolean';
  const end = ack ? n - 1 : n;
  const parameters: number[] = [];
  for (let i = 3; i < end; i++) parameters.push(i);
  if (parameters.length > 0) {
    const query = constants[2];
    if (typeof query !== 'string') {
      throw new Error(
        `the query must be a constant string when parameters follow it (a query from an attribute takes none)`,
      );
    }
    const marks = questionMarks(query);
    if (marks !== parameters.length) {
      throw new Error(
        `the query has ${plural(marks, "'?'")} but ${plural(parameters.length, 'parameter')} follow${parameters.length === 1 ? 's' : ''} it` +
          (ack ? ' (the last argument, a constant bool, is ack.empty.result.set)' : ''),
      );
    }
  }
  return { datasource, attributes, parameters, ackEmptyResultSet: ack && constants[n - 1] === true };
}

export interface CudShape {
  readonly datasource: string;
  readonly query: string;
  /** Argument indexes of the values bound to the query's `?`s, in order. */
  readonly parameters: readonly number[];
  /** `transaction.correlation.id`: calls with the same one share a connection and its transaction. */
  readonly correlationId: string | undefined;
}

/**
 * `#rdbms:cud(datasource.name, query, parameter..., transaction.correlation.id)`. As in Siddhi: the query is a
 * constant; with no `?` in it, one more argument is the correlation id; with n `?`s, n arguments are the
 * parameters and an (n+1)th, a constant, is the correlation id.
 */
export function cudShape(argTypes: readonly AttributeType[], constants: readonly unknown[]): CudShape {
  const datasource = datasourceName(constants);
  const query = constants[1];
  if (typeof query !== 'string') throw new Error(`the query of rdbms:cud must be a constant string`);
  const marks = questionMarks(query);
  const given = argTypes.length - 2;
  const idAt = (i: number): string => {
    const id = constants[i];
    if (id === undefined || id === null) {
      throw new Error(`transaction.correlation.id (argument ${i + 1}) must be a constant, e.g. 't1'`);
    }
    return String(id);
  };
  if (marks === 0) {
    if (given > 1) {
      throw new Error(
        `the query has no '?', so at most one argument may follow it (transaction.correlation.id), but ${given} do`,
      );
    }
    return { datasource, query, parameters: [], correlationId: given === 1 ? idAt(2) : undefined };
  }
  if (given !== marks && given !== marks + 1) {
    throw new Error(
      `the query has ${plural(marks, "'?'")}: ${plural(marks, 'parameter')} must follow it, or ${marks + 1} ` +
        `when the last is transaction.correlation.id, but ${given} do${given === 1 ? 'es' : ''}`,
    );
  }
  const parameters: number[] = [];
  for (let i = 2; i < 2 + marks; i++) parameters.push(i);
  return { datasource, query, parameters, correlationId: given === marks + 1 ? idAt(argTypes.length - 1) : undefined };
}

/** A shape's error message, or undefined when the arguments are right: for `ExtensionSpec.validate`. */
export function problemOf(shape: () => unknown): string | undefined {
  try {
    shape();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
