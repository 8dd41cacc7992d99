/**
 * A user-agent parser over a ua-parser `regexes.yaml` (the uap-core format), deciding as uap-java does,
 * the parser siddhi-execution-env calls: each of the browser, OS and device lists is tried in order, the
 * first regex that finds a match anywhere in the text (Java `Matcher.find`, Java regex syntax) decides, and
 * nothing matching gives "Other".
 *
 * - Browser (`user_agent_parsers`): `family_replacement` with its first `$1` replaced by group 1 (when group
 *   1 took part), else group 1. A match that yields no family (group 1 absent) passes on to the next regex.
 * - OS (`os_parsers`): `os_replacement` with `$1` replaced by group 1 (when it took part), else group 1.
 * - Device (`device_parsers`): `regex_flag: 'i'` makes the regex case-insensitive; `device_replacement` has
 *   each `$0`..`$9` replaced by its group (or nothing) and is then trimmed, else group 1.
 *
 * The default regexes are those of the `uap-core` package (the ua-parser project's current file); a
 * `regexFilePath` loads another file of the same format, checked whole when loaded, as uap-java does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { translateJavaRegex } from '../shared/java-regex.js';
import { javaTrim } from '../shared/java-string.js';

export type UserAgentProperty = 'browser' | 'os' | 'device';

interface Rule {
  readonly regex: string;
  readonly replacement: string | undefined;
  readonly ignoreCase: boolean;
}

const LISTS = {
  browser: { section: 'user_agent_parsers', replacement: 'family_replacement' },
  os: { section: 'os_parsers', replacement: 'os_replacement' },
  device: { section: 'device_parsers', replacement: 'device_replacement' },
} as const satisfies Record<UserAgentProperty, { section: string; replacement: string }>;

/** Why a regexes file cannot be used (the caller words the app creation error). */
export class RegexFileError extends Error {}

/** How many parsed user agents each list remembers (the same texts recur in real traffic). */
const CACHE_SIZE = 2048;

/** One list of rules, compiled as they are first needed, with a cache of recent answers. */
class RuleList {
  private readonly compiled: (RegExp | undefined)[];
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly decide: (rule: Rule, match: RegExpExecArray) => string | undefined,
  ) {
    this.compiled = new Array<RegExp | undefined>(rules.length);
  }

  /** Compiles every rule now (a file given by path is checked whole when it is loaded). */
  compileAll(): void {
    for (let i = 0; i < this.rules.length; i++) this.pattern(i);
  }

  private pattern(i: number): RegExp {
    let re = this.compiled[i];
    if (re === undefined) {
      const rule = this.rules[i]!;
      const t = translateJavaRegex(rule.regex);
      const flags = rule.ignoreCase && !t.flags.includes('i') ? `${t.flags}i` : t.flags;
      re = new RegExp(t.source, flags);
      this.compiled[i] = re;
    }
    return re;
  }

  family(text: string): string {
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    let family = 'Other';
    for (let i = 0; i < this.rules.length; i++) {
      const match = this.pattern(i).exec(text);
      if (match === null) continue;
      const decided = this.decide(this.rules[i]!, match);
      if (decided !== undefined) {
        family = decided;
        break;
      }
    }
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(text, family);
    return family;
  }
}

function browserFamily(rule: Rule, m: RegExpExecArray): string | undefined {
  const rep = rule.replacement;
  const group1 = m.length > 1 ? m[1] : undefined;
  if (rep !== undefined) return group1 !== undefined && rep.includes('$1') ? rep.replace('$1', () => group1) : rep;
  return group1;
}

function osFamily(rule: Rule, m: RegExpExecArray): string | undefined {
  const rep = rule.replacement;
  const group1 = m.length > 1 ? m[1] : undefined;
  if (rep !== undefined) return group1 !== undefined ? rep.split('$1').join(group1) : rep;
  return group1;
}

function deviceFamily(rule: Rule, m: RegExpExecArray): string | undefined {
  const rep = rule.replacement;
  if (rep === undefined) return m.length > 1 ? m[1] : undefined;
  if (!rep.includes('$')) return rep;
  let family = rep;
  for (const token of rep.match(/\$\d/g) ?? []) {
    const group = Number(token.slice(1));
    const value = group < m.length ? (m[group] ?? '') : '';
    family = family.replace(token, () => value);
  }
  return javaTrim(family);
}

const DECIDERS = { browser: browserFamily, os: osFamily, device: deviceFamily } as const;

/** The three lists of one regexes file. */
export class UserAgentParser {
  private readonly lists: Record<UserAgentProperty, RuleList>;

  constructor(config: unknown, what: string) {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new RegexFileError(`${what} is not a map of the three parser lists`);
    }
    const sections = config as Record<string, unknown>;
    const lists = {} as Record<UserAgentProperty, RuleList>;
    for (const property of ['browser', 'os', 'device'] as const) {
      const { section, replacement } = LISTS[property];
      const entries = sections[section];
      if (!Array.isArray(entries)) throw new RegexFileError(`${section} is missing from ${what}`);
      const rules = entries.map((entry: unknown, i): Rule => {
        const e = (entry ?? {}) as Record<string, unknown>;
        if (typeof e.regex !== 'string') throw new RegexFileError(`entry ${i + 1} of ${section} has no regex`);
        const rep = e[replacement];
        return {
          regex: e.regex,
          replacement: rep === undefined || rep === null ? undefined : String(rep),
          ignoreCase: property === 'device' && e.regex_flag === 'i',
        };
      });
      lists[property] = new RuleList(rules, DECIDERS[property]);
    }
    this.lists = lists;
  }

  /** Checks that every regex compiles (uap-java compiles them all when it loads a file). */
  compileAll(): this {
    for (const list of Object.values(this.lists)) list.compileAll();
    return this;
  }

  /** The browser, OS or device family of a user agent ("Other" when no regex matches). */
  family(property: UserAgentProperty, userAgent: string): string {
    return this.lists[property].family(userAgent);
  }
}

let bundled: UserAgentParser | undefined;

/** The parser over uap-core's regexes.yaml, loaded once per process on first use. */
export function defaultUserAgentParser(): UserAgentParser {
  if (bundled === undefined) {
    const file = createRequire(import.meta.url).resolve('uap-core/regexes.yaml');
    bundled = new UserAgentParser(parse(readFileSync(file, 'utf8')), 'uap-core/regexes.yaml');
  }
  return bundled;
}

/** A parser over the regexes file at `path`; throws `RegexFileError` when it is missing or not such a file. */
export function userAgentParserFrom(path: string): UserAgentParser {
  if (!existsSync(path)) throw new RegexFileError(`no file at '${path}'`);
  let config: unknown;
  try {
    config = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RegexFileError(`'${path}' is not YAML: ${(e as Error).message}`);
  }
  try {
    return new UserAgentParser(config, `'${path}'`).compileAll();
  } catch (e) {
    if (e instanceof RegexFileError) throw e;
    throw new RegexFileError(`'${path}' has a regex that does not compile: ${(e as Error).message}`);
  }
}
