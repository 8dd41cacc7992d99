/**
 * `env:getUserAgentProperty(user.agent, property.name)`: the browser, OS or device family of a user agent,
 * by the ua-parser regexes (see ua-parser.ts). The system parameter `regexFilePath` (the manager's
 * `extensionProperties['env:getUserAgentProperty'].regexFilePath`) names another regexes.yaml, as in Siddhi.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { envErrors } from './env-support.js';
import {
  RegexFileError,
  defaultUserAgentParser,
  userAgentParserFrom,
  type UserAgentParser,
  type UserAgentProperty,
} from './ua-parser.js';

const error = envErrors('GetUserAgentPropertyFunction');

const PROPERTIES: readonly UserAgentProperty[] = ['browser', 'os', 'device'];

function propertyOf(value: unknown): UserAgentProperty | undefined {
  if (value === null || value === undefined) return undefined;
  const name = String(value).toLowerCase();
  return PROPERTIES.find((p) => p === name);
}

const base = {
  kind: 'function',
  namespace: 'env',
  name: 'getUserAgentProperty',
  description:
    "Names the browser, the operating system or the device of a User-Agent header, by the ua-parser project's " +
    'regular expressions (the `uap-core` regexes.yaml), applied as uap-java applies them: the first matching rule of ' +
    'the list decides, and "Other" means no rule matched. Siddhi ships ua-parser 1.3.0 with a regexes file of its time; ' +
    'this uses the current file, which names browsers and devices that file predates (e.g. "Edge" where it says "Chrome", ' +
    '"Windows" where it says "Windows 7"). For the same answers as a WSO2 SI installation, point the system parameter ' +
    '`regexFilePath` at the regexes.yaml it uses: `extensionProperties: { "env:getUserAgentProperty": { regexFilePath: ' +
    '"/path/regexes.yaml" } }` (or `siddhi.extensions` in the config file). A file that is missing, is not a regexes ' +
    'file or has a regex that does not compile fails the app creation. A null user agent is an error for the event.',
  parameters: [
    { name: 'user.agent', type: ['string'], description: 'The User-Agent header text.' },
    {
      name: 'property.name',
      type: ['string'],
      constantOnly: true,
      description: 'Which family to give, in any case: `browser`, `os` or `device`.',
    },
  ],
  returns: {
    type: ['string'],
    description: 'The family, e.g. "Chrome", "Linux" or "Nexus 5X"; "Other" when the text is not recognised.',
  },
  examples: [
    {
      syntax:
        'define stream UserAgentStream (userAgent string);\n\n' +
        "from UserAgentStream\nselect env:getUserAgentProperty(userAgent, 'browser') as browser,\n" +
        "       env:getUserAgentProperty(userAgent, 'os') as os,\n" +
        "       env:getUserAgentProperty(userAgent, 'device') as device\ninsert into ClientStream;",
      description:
        'For "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.5 ' +
        'Mobile/15E148 Safari/604.1", gives "Mobile Safari", "iOS" and "iPhone".',
    },
  ],
} as const satisfies ExtensionSpec;

function check(_types: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  if (propertyOf(constants[1]) !== undefined) return undefined;
  return `property.name must be one of ${PROPERTIES.join(', ')}, but found '${String(constants[1])}'`;
}

/** The parser of a call site: the configured file's, else the bundled one. */
function parserFor(path: string | undefined): UserAgentParser {
  if (path === undefined || path === '') return defaultUserAgentParser();
  try {
    return userAgentParserFrom(path);
  } catch (e) {
    if (e instanceof RegexFileError) {
      throw new Error(`the regexFilePath of env:getUserAgentProperty cannot be used: ${e.message}`);
    }
    throw e;
  }
}

export const getUserAgentProperty: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, check) },
  create: (ctx) => {
    const property = propertyOf(ctx.constants[1]) ?? 'browser';
    const parser = parserFor(ctx.properties?.regexFilePath);
    return (userAgent) => {
      // Siddhi fails here with Java's NullPointerException.
      if (userAgent === null || userAgent === undefined) {
        throw error('env:getUserAgentProperty() was given a null user agent');
      }
      return parser.family(property, typeof userAgent === 'string' ? userAgent : String(userAgent));
    };
  },
};
