// Every expected value here was printed by Java 17 (Locale US, zone UTC): `FastDateFormat` from commons-lang 3.3.2,
// the version siddhi-execution-time ships and uses for its time: functions, and `java.text.SimpleDateFormat`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timeFunctions } from '../../src/engine/functions/time/index.js';
import { formatDate, parseDate } from '../../src/engine/functions/time/java-date-format.js';
import { resolveZone, UTC } from '../../src/engine/functions/time/zones.js';
import { finder, fn } from './call-site.js';

const get = finder(timeFunctions);
const fast = (text: string, pattern: string): number => parseDate(text, pattern, UTC, { dialect: 'fast' });
const simple = (text: string, pattern: string): number => parseDate(text, pattern, UTC, { dialect: 'simple' });
const iso = (ms: number): string => new Date(ms).toISOString();

describe('FastDateFormat zone names and offsets (z and Z read the same)', () => {
  test('a name picks a zone; the date then takes that zone’s offset for the day, whatever the name says', () => {
    const at = (s: string) => iso(fast(s, 'yyyy-MM-dd HH:mm z'));
    assert.equal(at('2014-01-15 10:00 PST'), '2014-01-15T18:00:00.000Z');
    assert.equal(at('2014-07-15 10:00 PST'), '2014-07-15T17:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 PDT'), '2014-01-15T18:00:00.000Z');
    assert.equal(at('2014-07-15 10:00 PDT'), '2014-07-15T17:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 AEST'), '2014-01-14T23:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 Pacific Standard Time'), '2014-01-15T18:00:00.000Z');
    assert.equal(at('2014-07-15 10:00 CEST'), '2014-07-15T08:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 EST'), '2014-01-15T15:00:00.000Z');
  });
  test('IST is Israel in Java 17’s table, not India; India is “India Standard Time”', () => {
    assert.equal(iso(fast('2014-01-15 10:00 IST', 'yyyy-MM-dd HH:mm z')), '2014-01-15T08:00:00.000Z');
    assert.equal(
      iso(fast('2014-01-15 10:00 India Standard Time', 'yyyy-MM-dd HH:mm zzzz')),
      '2014-01-15T04:30:00.000Z',
    );
  });
  test('GMT, UTC and their long names are zero; UT, Z and lower case are not names', () => {
    for (const name of ['GMT', 'UTC', 'Coordinated Universal Time', 'Greenwich Mean Time']) {
      assert.equal(fast(`2014-01-15 10:00 ${name}`, 'yyyy-MM-dd HH:mm z'), 1389780000000);
    }
    for (const name of ['UT', 'Z', 'pst', '-08']) {
      assert.throws(() => fast(`2014-01-15 10:00 ${name}`, 'yyyy-MM-dd HH:mm z'), /Unparseable date/);
    }
  });
  test('offsets: +hh:mm and +hhmm; GMT takes two or three digits only, the rest is left unread', () => {
    const at = (s: string) => iso(fast(s, 'yyyy-MM-dd HH:mm Z'));
    assert.equal(at('2014-01-15 10:00 +05:30'), '2014-01-15T04:30:00.000Z');
    assert.equal(at('2014-01-15 10:00 -0800'), '2014-01-15T18:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 GMT+05:30'), '2014-01-15T05:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 GMT+0530'), '2014-01-15T09:07:00.000Z');
    assert.equal(at('2014-01-15 10:00 GMT+530'), '2014-01-15T04:30:00.000Z');
    assert.equal(at('2014-01-15 10:00 GMT-8'), '2014-01-15T10:00:00.000Z');
    assert.equal(at('2014-01-15 10:00 GMT-08'), '2014-01-15T18:00:00.000Z');
  });
  test('a time in a daylight-saving gap or overlap is read with standard time', () => {
    assert.equal(iso(fast('2014-03-09 02:30 PST', 'yyyy-MM-dd HH:mm z')), '2014-03-09T10:30:00.000Z');
    assert.equal(iso(fast('2014-11-02 01:30 PDT', 'yyyy-MM-dd HH:mm z')), '2014-11-02T09:30:00.000Z');
    assert.equal(iso(fast('2014-10-26 02:30 CET', 'yyyy-MM-dd HH:mm z')), '2014-10-26T01:30:00.000Z');
  });
  test('time:timestampInMilliseconds reads a zone name', () => {
    const ts = fn(get('timestampInMilliseconds'), ['string', 'string']);
    assert.equal(ts('2014-07-15 10:00 Pacific Daylight Time', 'yyyy-MM-dd HH:mm zzzz'), 1405443600000);
  });
});

describe('week fields resolve as GregorianCalendar does (weeks start Sunday, week 1 holds January 1)', () => {
  const cases: [string, string, string][] = [
    ['yyyy w', '2014 46', '2014-11-09'],
    ['yyyy w EEE', '2014 46 Tue', '2014-11-11'],
    ['EEE yyyy w', 'Tue 2014 46', '2014-11-11'],
    ['yyyy w EEE', '2014 1 Sun', '2013-12-29'],
    ['yyyy w EEE', '2015 1 Sat', '2015-01-03'],
    ['yyyy w', '2014 60', '2015-02-15'],
    ['yyyy w', '2014 0', '2013-12-22'],
    ['yyyy-MM W', '2014-11 3', '2014-11-09'],
    ['yyyy-MM W EEE', '2014-11 3 Wed', '2014-11-12'],
    ['yyyy-MM W EEE', '2014-11 1 Fri', '2014-10-31'],
    ['yyyy-MM W EEE', '2014-11 0 Fri', '2014-10-24'],
    ['yyyy-MM F EEE', '2014-11 2 Tue', '2014-11-11'],
    ['yyyy-MM F', '2014-11 2', '2014-11-09'],
    ['yyyy-MM F EEE', '2014-11 5 Sun', '2014-11-30'],
    ['yyyy-MM EEE', '2014-11 Wed', '2014-11-05'],
    ['yyyy EEE', '2014 Wed', '2014-01-01'],
    ['EEE', 'Wed', '1970-01-07'],
    ['yyyy-MM-dd EEE', '2014-11-11 Sun', '2014-11-11'],
    ['yyyy-MM-dd F EEE', '2014-11-11 1 Mon', '2014-11-03'],
    ['yyyy w MM', '2014 46 03', '2014-11-09'],
    ['yyyy w dd', '2014 46 03', '2014-01-03'],
    ['yyyy-MM W dd', '2014-11 1 20', '2014-11-20'],
    ['yyyy w EEE D', '2014 2 Mon 100', '2014-04-10'],
  ];
  for (const [pattern, text, date] of cases) {
    test(`${pattern} reads "${text}" as ${date}`, () => {
      assert.equal(iso(fast(text, pattern)).slice(0, 10), date);
      assert.equal(iso(simple(text, pattern)).slice(0, 10), date);
    });
  }
  test('SimpleDateFormat alone knows Y (week year) and u (ISO day number)', () => {
    assert.equal(iso(simple('2014 1', 'YYYY w')), '2013-12-29T00:00:00.000Z');
    assert.equal(iso(simple('2015 01 1', 'YYYY ww u')), '2014-12-29T00:00:00.000Z');
    assert.equal(iso(simple('2015 01 1', 'yyyy ww u')), '2014-12-29T00:00:00.000Z');
    assert.throws(() => fast('2014 1', 'YYYY w'), /Illegal pattern component: YYYY/);
    assert.throws(() => fast('2014-11-11 7', 'yyyy-MM-dd u'), /Illegal pattern component: u/);
  });
  test('time:dateFormat reads week fields', () => {
    const f = fn(get('dateFormat'), ['string', 'string', 'string']);
    assert.equal(f('2014 46 Tue', 'yyyy-MM-dd', 'yyyy w EEE'), '2014-11-11');
  });
});

describe('years before 1582 and before year 1', () => {
  test('Java counts Julian dates before 15 October 1582; 5 to 14 October 1582 roll forward', () => {
    assert.equal(fast('1500-01-01', 'yyyy-MM-dd'), -14830992000000);
    assert.equal(fast('1000-02-29', 'yyyy-MM-dd'), -30604694400000);
    assert.equal(fast('1582-10-04', 'yyyy-MM-dd'), -12219379200000);
    assert.equal(fast('1582-10-05', 'yyyy-MM-dd'), -12219292800000);
    assert.equal(fast('0001-01-01', 'yyyy-MM-dd'), -62135769600000);
    assert.equal(fast('0000-01-01', 'yyyy-MM-dd'), -62167392000000);
    assert.equal(fast('1582 300', 'yyyy D'), -12217392000000);
  });
  test('FastDateFormat reads no sign; SimpleDateFormat reads -2014 as 2015 BC', () => {
    assert.throws(() => fast('-2014-11-11', 'yyyy-MM-dd'), /Unparseable date/);
    assert.throws(() => simple('+2014-11-11', 'yyyy-MM-dd'), /Unparseable date/);
    assert.equal(simple('-2014-11-11', 'yyyy-MM-dd'), -125697225600000);
    assert.equal(simple('-14-11-11', 'yy-MM-dd'), -62582025600000);
    assert.equal(fast('BC 2014-11-11', 'G yyyy-MM-dd'), -125665689600000);
  });
  test('formatting uses the same calendar', () => {
    assert.equal(formatDate(-62135596800000, 'yyyy-MM-dd G', UTC, 'fast'), '0001-01-03 AD');
    assert.equal(formatDate(-12219292800001, 'yyyy-MM-dd G', UTC, 'fast'), '1582-10-04 AD');
    assert.equal(formatDate(-125697225600000, 'yyyy-MM-dd G', UTC, 'fast'), '2015-11-11 BC');
    assert.equal(formatDate(-12219292800000, 'w D E', UTC, 'fast'), '40 278 Fri');
    // java.time stays proleptic Gregorian
    assert.equal(formatDate(-62135596800000, 'yyyy-MM-dd', UTC, 'java.time'), '0001-01-01');
  });
});

describe('where FastDateFormat and SimpleDateFormat differ', () => {
  test('names match exactly in FastDateFormat, in any case in SimpleDateFormat', () => {
    assert.throws(() => fast('11 nov 2014', 'dd MMM yyyy'), /Unparseable date/);
    assert.equal(simple('11 NOV 2014', 'dd MMM yyyy'), 1415664000000);
    assert.equal(fast('11 November 2014', 'dd MMM yyyy'), 1415664000000);
    assert.equal(fast('07:30 p', 'hh:mm a'), 70200000);
  });
  test('blanks before a number are skipped by SimpleDateFormat only', () => {
    assert.throws(() => fast('2014-11- 11', 'yyyy-MM-dd'), /Unparseable date/);
    assert.equal(simple('2014-11- 11', 'yyyy-MM-dd'), 1415664000000);
  });
  test('hour 24: H rolls over in SimpleDateFormat, k in FastDateFormat', () => {
    assert.equal(iso(fast('2014-11-11 24', 'yyyy-MM-dd HH')), '2014-11-11T00:00:00.000Z');
    assert.equal(iso(fast('2014-11-11 24', 'yyyy-MM-dd kk')), '2014-11-12T00:00:00.000Z');
    assert.equal(iso(simple('2014-11-11 24', 'yyyy-MM-dd HH')), '2014-11-12T00:00:00.000Z');
    assert.equal(iso(simple('2014-11-11 24', 'yyyy-MM-dd kk')), '2014-11-11T00:00:00.000Z');
  });
  test('two-digit years: FastDateFormat moves any value under 100 into the century window', () => {
    const now = Date.UTC(2026, 11, 8);
    assert.equal(iso(parseDate('5-11-11', 'y-MM-dd', UTC, { dialect: 'fast', now })).slice(0, 10), '2005-11-11');
    assert.equal(parseDate('5-11-11', 'y-MM-dd', UTC, { now }), -61982409600000);
  });
  test('formatting: FastDateFormat pads y to four digits, puts a colon in ZZ and rejects X, u, Y and L', () => {
    const la = resolveZone('America/Los_Angeles');
    assert.ok(la !== undefined);
    assert.equal(formatDate(1389780000000, 'Z ZZ ZZZ', la, 'fast'), '-0800 -08:00 -08:00');
    assert.equal(formatDate(1389780000000, 'Z ZZ ZZZ', la, 'simple'), '-0800 -0800 -0800');
    assert.equal(formatDate(-62135596800000, 'y yyy yyyy', UTC, 'fast'), '0001 0001 0001');
    assert.equal(formatDate(-62135596800000, 'y yyy yyyy', UTC, 'simple'), '1 001 0001');
    for (const pattern of ['X', 'XXX', 'u', 'YYYY', 'LLL']) {
      assert.throws(() => formatDate(0, pattern, UTC, 'fast'), /Illegal pattern component/);
    }
    const f = fn(get('dateFormat'), ['long', 'string']);
    assert.throws(() => f(1415692424000, 'YYYY-ww'), /Illegal pattern component: YYYY/);
  });
});

describe('java.time zone texts (time:timezoneConvert)', () => {
  const convert = fn(get('timezoneConvert'), ['string', 'string', 'string', 'string']);
  test('z and zzzz print Java’s names, not Intl’s GMT+5:30', () => {
    assert.equal(
      convert('2014-11-11 13:23:44 PST', 'yyyy-MM-dd HH:mm:ss z', 'Asia/Kolkata', 'America/Los_Angeles'),
      '2014-11-12 02:53:44 IST',
    );
    assert.equal(
      convert('2014-07-11 13:23:44 UTC', 'yyyy-MM-dd HH:mm:ss z', 'Europe/London', 'UTC'),
      '2014-07-11 14:23:44 BST',
    );
    assert.equal(
      convert('2014-07-11 13:23:44 UTC', 'yyyy-MM-dd HH:mm:ss zzzz', 'Europe/London', 'UTC'),
      '2014-07-11 14:23:44 British Summer Time',
    );
    assert.equal(
      convert('2014-07-11 13:23:44 Coordinated Universal Time', 'yyyy-MM-dd HH:mm:ss zzzz', 'Africa/Nairobi', 'UTC'),
      '2014-07-11 16:23:44 East Africa Time',
    );
  });
  test('a zone text is read (names of its length, zone ids, offsets) and dropped; case matters', () => {
    const read = (text: string, pattern: string) =>
      iso(parseDate(text, pattern, UTC, { dialect: 'java.time', ignoreOffset: true }));
    for (const zone of ['PST', 'PDT', 'IST', 'PT', 'EAT', 'America/Los_Angeles', 'UT', 'Z', 'GMT+05:30', 'EST5EDT']) {
      assert.equal(read(`2014-01-15 10:00 ${zone}`, 'yyyy-MM-dd HH:mm z'), '2014-01-15T10:00:00.000Z');
    }
    assert.equal(read('2014-01-15 10:00 Pacific Standard Time', 'yyyy-MM-dd HH:mm zzzz'), '2014-01-15T10:00:00.000Z');
    assert.throws(() => read('2014-01-15 10:00 pst', 'yyyy-MM-dd HH:mm z'), /could not be parsed at index 17/);
    assert.throws(() => read('2014-01-15 10:00 Pacific Time', 'yyyy-MM-dd HH:mm z'), /could not be parsed at index 17/);
    assert.throws(() => read('2014-01-15 10:00 PST', 'yyyy-MM-dd HH:mm zzzz'), /could not be parsed at index 17/);
    assert.throws(() => read('2014-01-15 10:00 PSTX', 'yyyy-MM-dd HH:mm z'), /unparsed text found at index 20/);
    assert.throws(() => read('2014-01-15 10:00 UTC+5', 'yyyy-MM-dd HH:mm z'), /unparsed text found at index 20/);
  });
  test('FastDateFormat and SimpleDateFormat print the same names for z and zzzz', () => {
    const kolkata = resolveZone('Asia/Kolkata');
    const london = resolveZone('Europe/London');
    assert.ok(kolkata !== undefined && london !== undefined);
    assert.equal(formatDate(1389780000000, 'z zzzz Z ZZ', kolkata, 'fast'), 'IST India Standard Time +0530 +05:30');
    assert.equal(formatDate(1405418400000, 'z zzzz Z ZZ', london, 'simple'), 'BST British Summer Time +0100 +0100');
  });
});

describe('FastDateFormat error messages', () => {
  test('a failed parse names the expression FastDateParser built, as Java does', () => {
    const f = fn(get('dateFormat'), ['string', 'string', 'string']);
    assert.throws(
      () => f('2014/11/11', 'ss', 'yyyy-MM-dd'),
      (e: Error) =>
        e.message ===
        'Provided format yyyy-MM-dd does not match with the timestamp 2014/11/11 Unparseable date: "2014/11/11" ' +
          'does not match (\\p{Nd}++)\\Q-\\E(\\p{Nd}++)\\Q-\\E(\\p{Nd}++)',
    );
    assert.throws(
      () => fast('2014111', 'yyyyMMddHHmm'),
      (e: Error) =>
        e.message ===
        'Unparseable date: "2014111" does not match (\\p{Nd}{4}+)(\\p{Nd}{2}+)(\\p{Nd}{2}+)(\\p{Nd}{2}+)(\\p{Nd}++)',
    );
    assert.throws(
      () => fast('x', "hh 'o''clock' a"),
      (e: Error) =>
        e.message ===
        'Unparseable date: "x" does not match (\\p{Nd}++)\\Q \\E\\Qo\'clock\\E\\Q \\E(\\QAM\\E|\\QPM\\E|\\Qa\\E|\\Qp\\E)',
    );
  });
});

describe('java.time formatting of week, quarter and narrow fields', () => {
  const jt = (ms: number, pattern: string) => formatDate(ms, pattern, UTC, 'java.time');
  test('e and c count days from Sunday, F is the aligned day of week in the month, five letters are narrow', () => {
    assert.equal(jt(1415692424000, 'YYYY ww W e E F D'), '2014 46 3 3 Tue 4 315');
    assert.equal(jt(1419724800000, 'YYYY ww W e E F D'), '2015 01 5 1 Sun 7 362');
    assert.equal(jt(1415692424000, 'c ccc cccc EEEEE MMMMM'), '3 Tue Tuesday T N');
  });
  test('quarters, and two-digit years of negative years', () => {
    assert.equal(jt(Date.UTC(2014, 3, 1), 'QQQQ|qqqq|QQ|q|QQQQQ|ee|cccc'), '2nd quarter|2nd quarter|02|2|2|03|Tuesday');
    assert.equal(jt(-125697225600000, 'YY yy uu uuuu G'), '14 15 14 -2014 BC');
  });
});

describe('java.time parsing resolves as LocalDateTime.parse does (SMART)', () => {
  const read = (text: string, pattern: string) =>
    iso(parseDate(text, pattern, UTC, { dialect: 'java.time', ignoreOffset: true }));
  test('week-based fields, an era and signed proleptic years give dates', () => {
    assert.equal(read('2014 46 Tue 10:00', 'YYYY ww EEE HH:mm'), '2014-11-11T10:00:00.000Z');
    assert.equal(read('2014 46 3 10:00', 'YYYY ww e HH:mm'), '2014-11-11T10:00:00.000Z');
    assert.equal(read('2014-11 3 Wed 10:00', 'yyyy-MM W EEE HH:mm'), '2014-11-12T10:00:00.000Z');
    assert.equal(read('2014-11-11 10:00 BC', 'yyyy-MM-dd HH:mm G'), '-002013-11-11T10:00:00.000Z');
    assert.equal(read('-2014-11-11 10:00', 'uuuu-MM-dd HH:mm'), '-002014-11-11T10:00:00.000Z');
    assert.equal(read('2014-02-30 10:00', 'yyyy-MM-dd HH:mm'), '2014-02-28T10:00:00.000Z');
    assert.equal(read('2014-11-11 24:00', 'yyyy-MM-dd HH:mm'), '2014-11-12T00:00:00.000Z');
    assert.equal(read('2014-11-11 24:00', 'yyyy-MM-dd kk:mm'), '2014-11-11T00:00:00.000Z');
  });
  test('what Java rejects, with its messages', () => {
    const rejects = (text: string, pattern: string, message: string) =>
      assert.throws(
        () => read(text, pattern),
        (e: Error) => e.message === `Text '${text}' could not be parsed${message}`,
      );
    rejects(
      '-2014-11-11 10:00',
      'yyyy-MM-dd HH:mm',
      ': Invalid value for YearOfEra (valid values 1 - 999999999/1000000000): -2014',
    );
    rejects('+2014-11-11 10:00', 'uuuu-MM-dd HH:mm', ' at index 0');
    rejects('12345-11-11 10:00', 'uuuu-MM-dd HH:mm', ' at index 0');
    rejects('2014-13-01 10:00', 'yyyy-MM-dd HH:mm', ': Invalid value for MonthOfYear (valid values 1 - 12): 13');
    rejects('2014-02-32 10:00', 'yyyy-MM-dd HH:mm', ': Invalid value for DayOfMonth (valid values 1 - 28/31): 32');
    rejects('2014 366 10:00', 'yyyy D HH:mm', ": Invalid date 'DayOfYear 366' as '2014' is not a leap year");
    rejects(
      '2014-11-11 10:00:60',
      'yyyy-MM-dd HH:mm:ss',
      ': Invalid value for SecondOfMinute (valid values 0 - 59): 60',
    );
    rejects(
      '2014-11-11 10:00 Sun',
      'yyyy-MM-dd HH:mm EEE',
      ': Conflict found: Field DayOfWeek 2 differs from DayOfWeek 7 derived from 2014-11-11',
    );
    // Java adds a dump of what it parsed after this
    assert.throws(() => read('2014 46 10:00', 'yyyy ww HH:mm'), /Unable to obtain LocalDateTime from TemporalAccessor/);
    assert.throws(() => read('2014-11-11 03:00', 'yyyy-MM-dd hh:mm'), /Unable to obtain LocalDateTime/);
    assert.throws(() => read('2014-11-11', 'yyyy-MM-dd'), /Unable to obtain LocalDateTime/);
  });
  test('time:timezoneConvert reads week fields', () => {
    const convert = fn(get('timezoneConvert'), ['string', 'string', 'string', 'string']);
    assert.equal(convert('2014 46 Tue 10:00', 'YYYY ww EEE HH:mm', 'Asia/Kolkata', 'UTC'), '2014 46 Tue 15:30');
  });
});

describe('time:dateAdd on Java’s calendar', () => {
  test('Julian leap days before 1582, the cutover skips ten days', () => {
    const add = (unit: string) =>
      fn(get('dateAdd'), ['string', 'int', 'string', 'string'], [undefined, undefined, unit]);
    const P = 'yyyy-MM-dd HH:mm:ss';
    assert.equal(add('DAY')('1500-02-28 10:00:00', 1, 'DAY', P), '1500-02-29 10:00:00');
    assert.equal(add('MONTH')('1500-01-31 10:00:00', 1, 'MONTH', P), '1500-02-29 10:00:00');
    assert.equal(add('DAY')('1582-10-04 10:00:00', 1, 'DAY', P), '1582-10-15 10:00:00');
    assert.equal(add('MONTH')('1582-09-30 10:00:00', 1, 'MONTH', P), '1582-10-30 10:00:00');
    assert.equal(add('YEAR')('1600-02-29 10:00:00', -100, 'YEAR', P), '1500-02-29 10:00:00');
  });
});
