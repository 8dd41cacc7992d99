/** The conformance case format (v1): see shared/conformance/FORMAT.md. */

export type Step =
  | {
      readonly send: string;
      readonly data?: unknown[];
      readonly at?: number;
      readonly events?: { data: unknown[]; at?: number }[];
    }
  | { readonly sleep: number }
  | {
      readonly query: string;
      readonly expect?: unknown[][];
      readonly unordered?: boolean;
      readonly expectCount?: number;
      readonly expectError?: boolean;
    }
  | { readonly publish: string; readonly payload: unknown }
  | { readonly persist: true }
  | { readonly restart: true };

export interface Expectation {
  readonly in?: unknown[][];
  readonly remove?: unknown[][];
  readonly events?: unknown[][];
  readonly messages?: unknown[];
  readonly inCount?: number;
  readonly removeCount?: number;
  readonly count?: number;
  readonly unordered?: boolean;
  readonly none?: boolean;
}

export interface ConformanceCase {
  readonly name: string;
  readonly app: string;
  readonly clockStart?: number;
  readonly steps?: Step[];
  readonly expect?: Record<string, Expectation>;
  readonly expectError?: string;
  readonly skipReason?: string;
}

export interface ConformanceSuite {
  readonly suite: string;
  readonly cases: ConformanceCase[];
}

export interface CaseResult {
  readonly suite: string;
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly message: string;
}
