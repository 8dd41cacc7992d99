/**
 * The `env:` functions (siddhi-execution-env) through the public API: apps on a virtual clock, their
 * outputs asserted whole. The Java extension's cases are translated where they pin semantics: the key
 * "os.name", property names in any case, the X-Forwarded-For splitting and trimming, the YAML types.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, EOL, homedir, platform } from 'node:os';
import { join, sep, delimiter } from 'node:path';
import { SiddhiManager, type SiddhiManagerOptions } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { envFunctions } from '../../src/engine/functions/env/index.js';
import { defaultUserAgentParser, userAgentParserFrom } from '../../src/engine/functions/env/ua-parser.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { finder, fn } from './call-site.js';

const get = finder(envFunctions);

interface Run {
  /** The data of each current event the query 'q' output. */
  readonly out: unknown[][];
  /** The messages of the errors the app logged. */
  readonly errors: string[];
}

/** Runs `query` (named 'q') over `define stream S (...)`, sending `rows` one by one. */
function run(stream: string, query: string, rows: readonly unknown[][], options: SiddhiManagerOptions = {}): Run {
  const logger = memoryLogger();
  const r = new SiddhiManager({ clock: 'virtual', logger, ...options }).createSiddhiAppRuntime(
    `define stream S (${stream});\n@info(name = 'q')\n${query}`,
  );
  const out: unknown[][] = [];
  r.addQueryCallback('q', (_ts, ins) => {
    for (const e of ins ?? []) out.push(e.data);
  });
  r.start();
  const h = r.getInputHandler('S');
  for (const row of rows) h.send(row);
  void r.shutdown();
  return { out, errors: logger.lines.filter((l) => l.level === 'error').map((l) => l.msg) };
}

/** The diagnostics (line:column message) an app's creation fails with. */
function creationErrors(app: string, options: SiddhiManagerOptions = {}): string[] {
  try {
    new SiddhiManager({ clock: 'virtual', logger: memoryLogger(), ...options }).createSiddhiAppRuntime(app);
  } catch (e) {
    if (e instanceof SiddhiAppCreationError) return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    throw e;
  }
  return [];
}

/** The fault text of the error a call throws. */
function faultOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof ExtensionRuntimeError, String(e));
    return e.faultText();
  }
  assert.fail('expected an error');
}

const ENV_CLASS = 'org.wso2.extension.siddhi.execution.env';

describe('env:getEnvironmentProperty', () => {
  test("the manager's variables are the Java system properties; they win over the standard ones", () => {
    const { out } = run(
      'key string',
      "from S select key, env:getEnvironmentProperty(key) as value, env:getEnvironmentProperty(key, 'none') as orElse insert into O;",
      [['deploy.zone'], ['os.name'], ['not.set']],
      { variables: { 'deploy.zone': 'north-7', 'os.name': 'Plan 9' } },
    );
    assert.deepEqual(out, [
      ['deploy.zone', 'north-7', 'north-7'],
      ['os.name', 'Plan 9', 'Plan 9'],
      ['not.set', null, 'none'],
    ]);
  });

  test('the standard properties are answered from the machine, named as Java names them', () => {
    const keys = [
      'os.name',
      'user.home',
      'user.dir',
      'java.io.tmpdir',
      'file.separator',
      'path.separator',
      'line.separator',
      'java.version',
    ];
    const { out } = run(
      'key string',
      'from S select env:getEnvironmentProperty(key) as value insert into O;',
      keys.map((k) => [k]),
    );
    const osName = { linux: 'Linux', darwin: 'Mac OS X', win32: 'Windows' }[platform() as string] ?? platform();
    assert.deepEqual(out, [[osName], [homedir()], [process.cwd()], [tmpdir()], [sep], [delimiter], [EOL], [null]]);
  });

  test('os.arch is named as Java names it', () => {
    const { out } = run('key string', 'from S select env:getEnvironmentProperty(key) as v insert into O;', [
      ['os.arch'],
    ]);
    const expected =
      process.arch === 'x64'
        ? platform() === 'darwin'
          ? 'x86_64'
          : 'amd64'
        : process.arch === 'arm64'
          ? 'aarch64'
          : process.arch;
    assert.deepEqual(out, [[expected]]);
  });

  test('a null or empty key fails the event with the message Java gives', () => {
    const one = fn(get('getEnvironmentProperty'), ['string']);
    const two = fn(get('getEnvironmentProperty'), ['string', 'string']);
    const cls = `${ENV_CLASS}.GetEnvironmentPropertyFunction`;
    assert.equal(
      faultOf(() => one(null)),
      `io.siddhi.core.exception.SiddhiAppRuntimeException: Input to the getEnvironmentProperty() function cannot be null. Exception on class '${cls}'`,
    );
    assert.match(
      faultOf(() => one('')),
      /: key can't be empty\. Exception on class/,
    );
    assert.match(
      faultOf(() => two(null, 'x')),
      /: key can't be null\. Exception on class/,
    );
    assert.match(
      faultOf(() => two('', 'x')),
      /: key can't be empty\. Exception on class/,
    );
    // A null default is no default.
    assert.equal(two('not.set.anywhere', null), null);
    const { out, errors } = run('key string', 'from S select env:getEnvironmentProperty(key) as v insert into O;', [
      [null],
      ['user.home'],
    ]);
    assert.deepEqual(out, [[homedir()]]);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /Input to the getEnvironmentProperty\(\) function cannot be null/);
  });

  test('a key or default that is not a string, or no key, fails the app creation at the argument', () => {
    const S = 'define stream S (key string, n int);\n';
    assert.deepEqual(creationErrors(`${S}from S select env:getEnvironmentProperty(5) as v insert into O;`), [
      "2:42 argument 1 ('key') of function 'env:getEnvironmentProperty' must be string, but found int",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getEnvironmentProperty(key, n) as v insert into O;`), [
      "2:47 argument 2 ('default.value') of function 'env:getEnvironmentProperty' must be string, but found int",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getEnvironmentProperty() as v insert into O;`), [
      "2:15 function 'env:getEnvironmentProperty' takes (key string) or (key string, default.value string) but got 0 arguments; fix the argument count",
    ]);
  });
});

describe('env:getSystemProperty', () => {
  test('reads the environment variables of the process, as Java System.getenv', () => {
    process.env.TRIBUTARY_ENV_TEST_REGION = 'delta-3';
    delete process.env.TRIBUTARY_ENV_TEST_UNSET;
    try {
      const { out } = run(
        'key string',
        "from S select env:getSystemProperty(key) as v, env:getSystemProperty(key, 'fallback') as w insert into O;",
        [['TRIBUTARY_ENV_TEST_REGION'], ['TRIBUTARY_ENV_TEST_UNSET'], ['']],
      );
      assert.deepEqual(out, [
        ['delta-3', 'delta-3'],
        [null, 'fallback'],
        [null, 'fallback'],
      ]);
    } finally {
      delete process.env.TRIBUTARY_ENV_TEST_REGION;
    }
  });

  test('the manager variables are not environment variables', () => {
    delete process.env.ONLY_A_VARIABLE;
    const { out } = run(
      'key string',
      'from S select env:getSystemProperty(key) as v insert into O;',
      [['ONLY_A_VARIABLE']],
      {
        variables: { ONLY_A_VARIABLE: 'x' },
      },
    );
    assert.deepEqual(out, [[null]]);
  });

  test('a null key fails the event; a non-string key fails the app', () => {
    const cls = `${ENV_CLASS}.GetSystemPropertyFunction`;
    assert.equal(
      faultOf(() => fn(get('getSystemProperty'), ['string'])(null)),
      `io.siddhi.core.exception.SiddhiAppRuntimeException: Input to the getSystemProperty() function cannot be null. Exception on class '${cls}'`,
    );
    assert.match(
      faultOf(() => fn(get('getSystemProperty'), ['string', 'string'])(null, 'd')),
      /null key/,
    );
    assert.deepEqual(
      creationErrors('define stream S (n long);\nfrom S select env:getSystemProperty(n, "d") as v insert into O;'),
      ["2:37 argument 1 ('key') of function 'env:getSystemProperty' must be string, but found long"],
    );
  });
});

describe('env:getOriginIPFromXForwarded', () => {
  test('the first public IPv4 entry, entries trimmed, private ranges and non-addresses passed over', () => {
    const headers = [
      ' ',
      '',
      '198.51.100.7,10.0.0.1',
      '192.168.0.5',
      '192.168.0.5, 203.0.113.40',
      '10.9.8.7,            198.51.100.8',
      '10.9.8.7, 192.168.7.7, 203.0.113.41',
      '10.2.2.2,   192.0.2.15   , 203.0.113.42',
      '10.2.2.2, 192.0.2.16, 192.168.1.1, host.example',
      '198.51.100.9, , 192.168.1.1, 203.0.113.43',
      ', host.example, 192.168.1.1, 203.0.113.44',
      ',, 192.168.1.1, 203.0.113.45',
      '172.16.0.1, 172.31.255.255, 172.32.0.1',
      '172.15.255.255',
      '127.0.0.1, 256.1.1.1, 1.2.3, 2001:db8::1, 203.0.113.46',
      '001.02.3.004',
      '\t203.0.113.47\n',
    ];
    const { out } = run(
      'header string',
      'from S select env:getOriginIPFromXForwarded(header) as ip insert into O;',
      headers.map((h) => [h]),
    );
    assert.deepEqual(
      out.map((r) => r[0]),
      [
        null,
        null,
        '198.51.100.7',
        null,
        '203.0.113.40',
        '198.51.100.8',
        '203.0.113.41',
        '192.0.2.15',
        '192.0.2.16',
        '198.51.100.9',
        '203.0.113.44',
        '203.0.113.45',
        '172.32.0.1',
        '172.15.255.255',
        '203.0.113.46',
        '001.02.3.004',
        '203.0.113.47',
      ],
    );
  });

  test('a null header fails the event; two arguments fail the app', () => {
    const { out, errors } = run(
      'header string',
      'from S select env:getOriginIPFromXForwarded(header) as ip insert into O;',
      [[null], ['203.0.113.50']],
    );
    assert.deepEqual(out, [['203.0.113.50']]);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /null X-Forwarded-For header/);
    assert.deepEqual(
      creationErrors(
        'define stream S (h string);\nfrom S select env:getOriginIPFromXForwarded(h, h) as ip insert into O;',
      ),
      [
        "2:15 function 'env:getOriginIPFromXForwarded' takes (xforwardedheader string) but got 2 arguments; fix the argument count",
      ],
    );
  });
});

describe('env:getYAMLProperty', () => {
  const properties = {
    'env:getYAMLProperty': {
      region: 'north-7',
      'batch.size': '250',
      'max.bytes': '9007199254740991',
      ratio: '0.125',
      'float.suffixed': '99.5f',
      enabled: 'TRUE',
      verbose: 'yes',
      broken: 'twelve',
    },
  };
  const options = { extensionProperties: properties };

  test('without a type: the text of the property, null when it is not configured', () => {
    const { out } = run(
      'key string',
      'from S select env:getYAMLProperty(key) as v insert into O;',
      [['region'], ['batch.size'], ['missing']],
      options,
    );
    assert.deepEqual(out, [['north-7'], ['250'], [null]]);
  });

  test('each data.type reads the text as Java parses it, and decides the attribute type', () => {
    const select =
      "select env:getYAMLProperty('batch.size', 'INT') as i, env:getYAMLProperty('max.bytes', 'long') as l, " +
      "env:getYAMLProperty('float.suffixed', 'float') as f, env:getYAMLProperty('ratio', 'Double') as d, " +
      "env:getYAMLProperty('enabled', 'bool') as b1, env:getYAMLProperty('verbose', 'bool') as b2, " +
      "env:getYAMLProperty('region', 'string') as s";
    // The output stream is declared with the types each data.type gives: a mismatch would fail the creation.
    const typed = 'define stream O (i int, l long, f float, d double, b1 bool, b2 bool, s string);\n';
    const { out } = run('key string', `${typed}from S ${select} insert into O;`.replace(typed, ''), [['x']], options);
    assert.deepEqual(out, [[250, 9007199254740991, 99.5, 0.125, true, false, 'north-7']]);
    const app = (o: string): string => `define stream S (key string);\n${o}from S ${select} insert into O;`;
    assert.deepEqual(creationErrors(app(typed), options), []);
    assert.notDeepEqual(
      creationErrors(
        app('define stream O (i string, l long, f float, d double, b1 bool, b2 bool, s string);\n'),
        options,
      ),
      [],
    );
  });

  test('the default is given when the property is not configured, and a null key is such a key', () => {
    const { out } = run(
      'key string',
      "from S select env:getYAMLProperty(key, 'long', 100L) as l, env:getYAMLProperty(key, 'double', 1.5) as d, env:getYAMLProperty(key, 'string', 'none') as s insert into O;",
      [['batch.size'], ['missing'], [null]],
      options,
    );
    assert.deepEqual(out, [
      [250, 250, '250'],
      [100, 1.5, 'none'],
      [100, 1.5, 'none'],
    ]);
  });

  test('text that is not a number of the type fails the event; one argument with a null key too', () => {
    const { out, errors } = run(
      'key string',
      "from S select env:getYAMLProperty(key, 'int', 7) as v insert into O;",
      [['float.suffixed'], ['broken'], ['batch.size']],
      options,
    );
    assert.deepEqual(out, [[250]]);
    assert.equal(errors.length, 2);
    for (const e of errors) assert.match(e, /The type of property value and parameter dataType does not match/);
    const one = fn(get('getYAMLProperty'), ['string']);
    assert.match(
      faultOf(() => one(null)),
      /Input to the getYAMLProperty function cannot be null\. Exception on class 'org\.wso2\.extension\.siddhi\.execution\.env\.GetYAMLPropertyFunction'/,
    );
  });

  test('no configuration: every key is missing', () => {
    const { out } = run('key string', "from S select env:getYAMLProperty(key, 'int', -1) as v insert into O;", [
      ['batch.size'],
    ]);
    assert.deepEqual(out, [[-1]]);
  });

  test('a data.type that is not a type name or not a constant, or a default of another type, fails the app', () => {
    const S = 'define stream S (key string);\n';
    assert.deepEqual(creationErrors(`${S}from S select env:getYAMLProperty(key, 'string', 3) as v insert into O;`), [
      "2:15 function 'env:getYAMLProperty': default.value must be of the type data.type names (string), but found int",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getYAMLProperty(key, 'long', 100) as v insert into O;`), [
      "2:15 function 'env:getYAMLProperty': default.value must be of the type data.type names (long), but found int",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getYAMLProperty(key, 'number') as v insert into O;`), [
      "2:15 function 'env:getYAMLProperty': data.type must be one of int, long, float, double, string, bool, but found 'number'",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getYAMLProperty(key, key) as v insert into O;`), [
      "2:40 argument 2 ('data.type') of function 'env:getYAMLProperty' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getYAMLProperty() as v insert into O;`).length, 1);
  });
});

const LINUX_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/67.0.3396.79 Safari/537.36';
const ANDROID_WEBVIEW =
  'Mozilla/5.0 (Linux; Android 7.1.1; Nexus 5X Build/N4F26T; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/62.0.3202.73 Mobile Safari/537.36 GSA/7.23.26.21.arm64';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/16.5 Mobile/15E148 Safari/604.1';
const WINDOWS_EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 ' +
  'Safari/537.36 Edg/120.0.2210.91';
const WINDOWS_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

describe('env:getUserAgentProperty', () => {
  test("the browser, OS and device families of uap-core's regexes; 'Other' when nothing matches", () => {
    const { out } = run(
      'ua string',
      "from S select env:getUserAgentProperty(ua, 'browser') as b, env:getUserAgentProperty(ua, 'OS') as o, env:getUserAgentProperty(ua, 'Device') as d insert into O;",
      [[LINUX_CHROME], [ANDROID_WEBVIEW], [IPHONE], [WINDOWS_EDGE], [WINDOWS_FIREFOX], ['curl/8.4.0'], ['']],
    );
    assert.deepEqual(out, [
      ['Chrome', 'Linux', 'Other'],
      ['Google', 'Android', 'Nexus 5X'],
      ['Mobile Safari', 'iOS', 'iPhone'],
      ['Edge', 'Windows', 'Other'],
      ['Firefox', 'Windows', 'Other'],
      ['curl', 'Other', 'Other'],
      ['Other', 'Other', 'Other'],
    ]);
  });

  test('every regex of the bundled uap-core file compiles, and repeated texts give the same answer', () => {
    const parser = defaultUserAgentParser().compileAll();
    for (let i = 0; i < 3; i++) assert.equal(parser.family('device', ANDROID_WEBVIEW), 'Nexus 5X');
  });

  test('a null user agent fails the event', () => {
    const { out, errors } = run('ua string', "from S select env:getUserAgentProperty(ua, 'os') as o insert into O;", [
      [null],
      [IPHONE],
    ]);
    assert.deepEqual(out, [['iOS']]);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /null user agent/);
  });

  test('the property name must be a constant browser, os or device; the user agent a string', () => {
    const S = 'define stream S (ua string, p string);\n';
    assert.deepEqual(creationErrors(`${S}from S select env:getUserAgentProperty(ua, 'engine') as v insert into O;`), [
      "2:15 function 'env:getUserAgentProperty': property.name must be one of browser, os, device, but found 'engine'",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getUserAgentProperty(ua, p) as v insert into O;`), [
      "2:44 argument 2 ('property.name') of function 'env:getUserAgentProperty' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getUserAgentProperty(5, 'os') as v insert into O;`), [
      "2:40 argument 1 ('user.agent') of function 'env:getUserAgentProperty' must be string, but found int",
    ]);
    assert.deepEqual(creationErrors(`${S}from S select env:getUserAgentProperty(ua) as v insert into O;`), [
      "2:15 function 'env:getUserAgentProperty' takes (user.agent string, property.name string) but got 1 argument; fix the argument count",
    ]);
  });

  describe('regexFilePath: a regexes file of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-uap-'));
    const file = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const own = file(
      'own.yaml',
      [
        'user_agent_parsers:',
        "  - regex: 'Kestrel(?:/(\\d+))?'",
        "  - regex: '(Heron)/(\\d+)'",
        "    family_replacement: 'Grey $1 $1'",
        "  - regex: 'Kestrel'",
        "    family_replacement: 'Kestrel without version'",
        "  - regex: '\\QWren+\\E(\\d++)'",
        "    family_replacement: 'Wren'",
        'os_parsers:',
        "  - regex: '(Fjord)OS'",
        "    os_replacement: '$1 System ($1)'",
        "  - regex: 'Atoll'",
        "    os_replacement: 'Atoll $1'",
        'device_parsers:',
        "  - regex: 'model=(\\w+)-(\\w+)?;'",
        "    device_replacement: '  $1 $2 x$3  '",
        "  - regex: 'PHABLET (\\d+)'",
        "    regex_flag: 'i'",
        "    device_replacement: 'Phablet $1'",
        "  - regex: 'tablet (\\d+)'",
      ].join('\n'),
    );
    const opts = { extensionProperties: { 'env:getUserAgentProperty': { regexFilePath: own } } };
    const query =
      "from S select env:getUserAgentProperty(ua, 'browser') as b, env:getUserAgentProperty(ua, 'os') as o, env:getUserAgentProperty(ua, 'device') as d insert into O;";

    test('its rules decide as uap-java decides', () => {
      const { out } = run(
        'ua string',
        query,
        [
          ['Kestrel/5 FjordOS model=abc-;'],
          ['Kestrel AtollOS phablet 7'],
          ['Heron/12 (Chrome/67.0) Tablet 9'],
          ['Wren+42'],
          [LINUX_CHROME],
        ],
        opts,
      );
      assert.deepEqual(out, [
        // Group 1 of the first rule captured "5"; $1 of os_replacement everywhere; $2 and $3 of the device left empty, trimmed.
        ['5', 'Fjord System (Fjord)', 'abc  x'],
        // No group 1 and no replacement: the next rule decides. The OS regex has no group: $1 stays. Case-insensitive device.
        ['Kestrel without version', 'Atoll $1', 'Phablet 7'],
        // Only the first $1 of a family_replacement; the last device rule has no flag and its case differs.
        ['Grey Heron $1', 'Other', 'Other'],
        // Java regex syntax (\Q..\E, possessive quantifiers).
        ['Wren', 'Other', 'Other'],
        ['Other', 'Other', 'Other'],
      ]);
    });

    test('a missing file, a file without one of the lists or with a bad regex fails the app creation', () => {
      const app = `define stream S (ua string);\nfrom S select env:getUserAgentProperty(ua, 'os') as o insert into O;`;
      const missing = join(dir, 'absent.yaml');
      const noOs = file('no-os.yaml', "user_agent_parsers:\n  - regex: 'a'\ndevice_parsers:\n  - regex: 'b'\n");
      const badRegex = file(
        'bad.yaml',
        "user_agent_parsers:\n  - regex: 'a'\nos_parsers:\n  - regex: '(unclosed'\ndevice_parsers: []\n",
      );
      const errorsWith = (path: string): string[] =>
        creationErrors(app, { extensionProperties: { 'env:getUserAgentProperty': { regexFilePath: path } } });
      assert.deepEqual(errorsWith(missing), [
        `2:15 env:getUserAgentProperty(): the regexFilePath of env:getUserAgentProperty cannot be used: no file at '${missing}'`,
      ]);
      assert.deepEqual(errorsWith(noOs), [
        `2:15 env:getUserAgentProperty(): the regexFilePath of env:getUserAgentProperty cannot be used: os_parsers is missing from '${noOs}'`,
      ]);
      const bad = errorsWith(badRegex);
      assert.equal(bad.length, 1);
      assert.match(bad[0]!, /^2:15 .*'.*bad\.yaml' has a regex that does not compile/);
      // An empty path is no path: the bundled regexes.
      assert.deepEqual(errorsWith(''), []);
    });

    test('the parser reads a file through the same checks when built alone', () => {
      assert.equal(userAgentParserFrom(own).family('os', 'FjordOS'), 'Fjord System (Fjord)');
    });
  });
});
