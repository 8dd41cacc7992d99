/** Plain-word syntax error messages for Chevrotain's parser errors: `mismatched input 'X': expected 'a', 'b' or 'c'`. */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EOF } from './chevrotain.js';

const MAX_LISTED = 10;

/** How the offending token is quoted in a message. */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'end of input';
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `'${image}'`;
}

function label(tokenType: TokenType): string {
  if (tokenType === EOF) return 'end of input';
  return tokenType.LABEL ?? tokenType.name;
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'", cut after MAX_LISTED. */
export function listExpected(tokenTypes: readonly TokenType[]): string {
  const labels = [...new Set(tokenTypes.map(label))];
  if (labels.length === 0) return 'something else';
  if (labels.length > MAX_LISTED) return `${labels.slice(0, MAX_LISTED).join(', ')}, ...`;
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function firstTokens(paths: readonly (readonly TokenType[])[]): TokenType[] {
  const out: TokenType[] = [];
  for (const path of paths) {
    const first = path[0];
    if (first) out.push(first);
  }
  return out;
}

export const siddhiErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected === EOF) return `extraneous input ${describeToken(actual)}: expected ';' or end of input`;
    return `mismatched input ${describeToken(actual)}: expected ${label(expected)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `extraneous input ${describeToken(firstRedundant)}: expected ';' or end of input`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const first = actual[0];
    const expected = listExpected(firstTokens(expectedPathsPerAlt.flat()));
    return `mismatched input ${first ? describeToken(first) : 'end of input'}: expected ${expected}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const first = actual[0];
    return `mismatched input ${first ? describeToken(first) : 'end of input'}: expected at least one ${listExpected(
      firstTokens(expectedIterationPaths),
    )}`;
  },
};
