import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timeFunctions } from '../../src/engine/functions/time/index.js';
import { formatDate, parseDate } from '../../src/engine/functions/time/java-date-format.js';
import { resolveZone, UTC } from '../../src/engine/functions/time/zones.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { check, finder, fn } from './call-site.js';

const get = finder(timeFunctions);
const FMT = 'yyyy-MM-dd HH:mm:ss';

describe('time: the app clock', () => {
  test('current date, time and timestamps come from ctx.now() in UTC or a zone', () => {
    assert.equal(fn(get('currentDate'), [])(), '2020-01-01');
    assert.equal(fn(get('currentTime'), [])(), '00:00:00');
    assert.equal(fn(get('currentTimestamp'), [])(), '2020-01-01 00:00:00');
    assert.equal(fn(get('currentTimestamp'), ['string'])('CST'), '2019-12-31 18:00:00');
    assert.equal(fn(get('currentTimestamp'), ['string'])('Asia/Kolkata'), '2020-01-01 05:30:00');
    assert.throws(
      () => fn(get('currentTimestamp'), ['string'])('Mars/Base'),
      /Provided time zone Mars\/Base is invalid/,
    );
    assert.equal(fn(get('utcTimestamp'), [])(), '2020-01-01 00:00:00');
    assert.equal(fn(get('utcTimestamp'), ['string'])('yyyy-MM-dd HH:mm:ss.SSS'), '2020-01-01 00:00:00.000');
    assert.equal(fn(get('utcTimestamp'), ['string'])('yyyy/MM/dd HH:mm:ss'), '2020/01/01 00:00:00');
    assert.equal(fn(get('timestampInMilliseconds'), [])(), 1577836800000);
    assert.notEqual(check(get('currentTimestamp'), ['int']), undefined);
  });
});

describe('time:dateAdd and time:dateSub', () => {
  const add = (unit: string) => fn(get('dateAdd'), ['string', 'int', 'string', 'string'], [undefined, undefined, unit]);
  const sub = (unit: string) => fn(get('dateSub'), ['string', 'int', 'string', 'string'], [undefined, undefined, unit]);
  test('calendar arithmetic on dates in a pattern', () => {
    assert.equal(add('YEAR')('2014-11-11 13:23:44', 2, 'YEAR', FMT), '2016-11-11 13:23:44');
    assert.equal(add('MONTH')('2014-11-11 13:23:44', 2, 'MONTH', FMT), '2015-01-11 13:23:44');
    assert.equal(add('MONTH')('2014-01-31 10:00:00', 1, 'MONTH', FMT), '2014-02-28 10:00:00');
    assert.equal(add('YEAR')('2016-02-29 10:00:00', 1, 'YEAR', FMT), '2017-02-28 10:00:00');
    assert.equal(add('QUARTER')('2014-11-30 10:00:00', 1, 'QUARTER', FMT), '2015-02-28 10:00:00');
    assert.equal(add('WEEK')('2014-12-29 10:00:00', 1, 'WEEK', FMT), '2015-01-05 10:00:00');
    assert.equal(sub('year')('2014-11-11 13:23:44', 2, 'year', FMT), '2012-11-11 13:23:44');
    assert.equal(sub('month')('2014-11-11 13:23:44', 2, 'month', FMT), '2014-09-11 13:23:44');
    assert.equal(sub('second')('2014-11-11 13:23:44', 2, 'second', FMT), '2014-11-11 13:23:42');
    assert.equal(sub('minute')('2014-11-11 13:23:44', 2, 'minute', FMT), '2014-11-11 13:21:44');
    assert.equal(sub('hour')('2014-11-11 13:23:44', 2, 'hour', FMT), '2014-11-11 11:23:44');
    const byDefault = fn(get('dateAdd'), ['string', 'int', 'string'], [undefined, undefined, 'DAY']);
    assert.equal(byDefault('2014-11-11 13:23:44.657', 1, 'DAY'), '2014-11-12 13:23:44.657');
  });
  test('epoch milliseconds give text of epoch milliseconds', () => {
    assert.equal(
      fn(get('dateAdd'), ['long', 'int', 'string'], [undefined, undefined, 'HOUR'])(1415692424000, 2, 'HOUR'),
      '1415699624000',
    );
    assert.equal(
      fn(get('dateSub'), ['long', 'int', 'string'], [undefined, undefined, 'year'])(1415692424000, 2, 'year'),
      '1352620424000',
    );
  });
  test('nulls give null, a mismatched date is an error, bad calls are rejected', () => {
    assert.equal(add('YEAR')('2014-11-11 13:23:44', 2, 'YEAR', null), null);
    assert.equal(add('YEAR')('2014-11-11 13:23:44', null, 'YEAR', FMT), null);
    assert.equal(
      fn(get('dateAdd'), ['long', 'int', 'string'], [undefined, undefined, 'HOUR'])(1415692424000, null, 'HOUR'),
      null,
    );
    assert.throws(
      () => add('YEAR')('2014:11:11 13:23:44', 2, 'YEAR', FMT),
      /Provided format yyyy-MM-dd HH:mm:ss does not match with the timestamp 2014:11:11 13:23:44/,
    );
    assert.throws(
      () => fn(get('dateSub'), ['long', 'int', 'string'], [undefined, undefined, 'year'])('x', 2, 'year'),
      ExtensionRuntimeError,
    );
    assert.notEqual(
      check(get('dateAdd'), ['int', 'int', 'string', 'string'], [undefined, undefined, 'YEAR']),
      undefined,
    );
    assert.notEqual(check(get('dateAdd'), ['string', 'int']), undefined);
    assert.notEqual(
      check(get('dateAdd'), ['string', 'int', 'string', 'int'], [undefined, undefined, 'YEAR']),
      undefined,
    );
    assert.notEqual(check(get('dateAdd'), ['long', 'int', 'string'], [undefined, undefined, undefined]), undefined);
    assert.notEqual(
      check(get('dateSub'), ['string', 'string', 'string', 'string'], [undefined, undefined, 'year']),
      undefined,
    );
    assert.equal(check(get('dateSub'), ['long', 'int', 'string'], [undefined, undefined, 'year']), undefined);
  });
});

describe('time:dateDiff, dateFormat, date, dayOfWeek, extract, timestampInMilliseconds', () => {
  test('dateDiff counts whole days; numeric fields parse at variable width', () => {
    const d = fn(get('dateDiff'), ['string', 'string', 'string', 'string']);
    assert.equal(d('2014-11-11 13:23:44', '2014-11-9 13:23:44', FMT, FMT), 2);
    assert.equal(d('2014-11-11 13:23:44', '2014-10-9 13:23:44', FMT, FMT), 33);
    assert.equal(d('2014-11-11 13:23:44', '2013-11-11 13:23:44', FMT, FMT), 365);
    assert.equal(d(null, '2014-11-9 13:23:44', FMT, FMT), null);
    assert.equal(d('2014-11-11 13:23:44', '2014-11-9 13:23:44', null, FMT), null);
    assert.equal(fn(get('dateDiff'), ['long', 'long'])(1415692424000, 1384156424000), 365);
    assert.notEqual(check(get('dateDiff'), ['string', 'int', 'string', 'string']), undefined);
    assert.notEqual(check(get('dateDiff'), ['string']), undefined);
    assert.notEqual(check(get('dateDiff'), ['long', 'int']), undefined);
  });
  test('dateFormat rewrites in another pattern', () => {
    const f = fn(get('dateFormat'), ['string', 'string', 'string']);
    assert.equal(f('2014-11-11 13:23:44', 'ss', FMT), '44');
    assert.equal(f('2014-11-11 13:23:44.657', 'yyyy-MM-dd', 'yyyy-MM-dd HH:mm:ss.SSS'), '2014-11-11');
    assert.equal(f('2014:11-11 13:23:44', 'ss', null), null);
    assert.equal(fn(get('dateFormat'), ['long', 'string'])(1415692424000, 'ss'), '44');
    assert.equal(fn(get('dateFormat'), ['long', 'string'])(null, 'ss'), null);
    assert.throws(() => f('2014:11-11 13:23:44', 'ss', FMT), ExtensionRuntimeError);
    assert.notEqual(check(get('dateFormat'), ['long', 'int']), undefined);
  });
  test('date and dayOfWeek', () => {
    const d = fn(get('date'), ['string', 'string']);
    assert.equal(d('13:23:44.657', 'HH:mm:ss.SSS'), '1970-01-01');
    assert.equal(d('2014/11/11 13:23:44', 'yyyy/MM/dd HH:mm:ss'), '2014-11-11');
    assert.throws(() => d('2014:11:11', 'yyyy-MM-dd'), ExtensionRuntimeError);
    assert.notEqual(check(get('date'), ['string', 'string', 'string']), undefined);
    const w = fn(get('dayOfWeek'), ['string', 'string']);
    assert.equal(w('2014-12-11 13:23:44.657', 'yyyy-MM-dd HH:mm:ss.SSS'), 'Thursday');
    assert.equal(w('2014-11-12', 'yyyy-MM-dd'), 'Wednesday');
    assert.equal(w('2014-12-11 13:23:44.657', null), null);
    const w1 = fn(get('dayOfWeek'), ['string']);
    assert.deepEqual(
      ['2014-11-11 13:23:44.657', '2015-10-18 13:23:44', '2014-9-22'].map((s) => w1(s)),
      ['Tuesday', 'Sunday', 'Monday'],
    );
    assert.equal(w1(null), null);
  });
  test('extract fields in UTC, weeks by locale, unknown unit gives 0', () => {
    const e = (unit: string) => fn(get('extract'), ['string', 'string', 'string'], [unit]);
    assert.equal(e('YEAR')('YEAR', '2014-3-11 02:23:44', 'yyyy-MM-dd hh:mm:ss'), 2014);
    assert.equal(e('MONTH')('MONTH', '2014-3-11 02:23:44', 'yyyy-MM-dd hh:mm:ss'), 3);
    assert.equal(e('SECOND')('SECOND', '2014-3-11 02:23:44', 'yyyy-MM-dd hh:mm:ss'), 44);
    assert.equal(e('YEAR')('YEAR', null, 'yyyy-MM-dd hh:mm:ss'), null);
    const m = (unit: string) => fn(get('extract'), ['long', 'string'], [undefined, unit]);
    assert.equal(m('HOUR')(1394484824000, 'HOUR'), 20);
    assert.equal(m('HOUR')(1394556804000, 'HOUR'), 16);
    assert.equal(m('HOUR_OF_DAY')(1577836800000, 'HOUR_OF_DAY'), 0);
    const wk = (locale: string) =>
      fn(get('extract'), ['string', 'string', 'string', 'string'], ['WEEK', undefined, undefined, locale]);
    assert.equal(wk('en_US')('WEEK', '2017-10-8', 'yyyy-MM-dd', 'en_US'), 41);
    assert.equal(wk('fr_FR')('WEEK', '2017-10-8', 'yyyy-MM-dd', 'fr_FR'), 40);
    assert.equal(
      fn(get('extract'), ['long', 'string', 'string'], [undefined, 'WEEK', 'fr_FR'])(1507401000000, 'WEEK', 'fr_FR'),
      40,
    );
    assert.equal(fn(get('extract'), ['string', 'string'], ['WEEK'])('WEEK', '2017-10-8 02:23:44.999'), 41);
    assert.notEqual(check(get('extract'), ['long', 'string', 'string'], [undefined, undefined, undefined]), undefined);
    assert.notEqual(check(get('extract'), ['string', 'int'], ['YEAR']), undefined);
    assert.notEqual(check(get('extract'), ['string'], ['HOUR']), undefined);
  });
  test('timestampInMilliseconds reads dates, a 1-arg null gives now', () => {
    assert.equal(fn(get('timestampInMilliseconds'), ['string'])('2007-11-30 10:30:19.000'), 1196418619000);
    assert.equal(fn(get('timestampInMilliseconds'), ['string'])(null), 1577836800000);
    assert.equal(fn(get('timestampInMilliseconds'), ['string', 'string'])(null, 'yyyy-MM-DD HH:MM:SS'), null);
    assert.throws(
      () => fn(get('timestampInMilliseconds'), ['string'])('2007'),
      /does not match with the timestamp 2007/,
    );
    assert.notEqual(check(get('timestampInMilliseconds'), ['long']), undefined);
    assert.notEqual(check(get('timestampInMilliseconds'), ['string', 'string', 'string']), undefined);
  });
  test('timezoneConvert uses java.time patterns and Java short zone ids', () => {
    const t = fn(get('timezoneConvert'), ['string', 'string', 'string', 'string']);
    assert.equal(t('2014-11-11 13:23:44', FMT, 'PST', 'IST'), '2014-11-10 23:53:44');
    assert.equal(
      t('2016-04-21T00:00:00+0530', "yyyy-MM-dd'T'HH:mm:ssZ", 'America/New_York', 'IST'),
      '2016-04-20T14:30:00-0400',
    );
    assert.equal(
      fn(get('timezoneConvert'), ['string', 'string', 'string'])('2019-08-21 13:25:35', FMT, 'Asia/Kolkata'),
      '2019-08-21 18:55:35',
    );
    assert.equal(t(null, FMT, 'PST', 'IST'), null);
  });
});

describe('Java date patterns', () => {
  test('formatting letters', () => {
    const ms = Date.UTC(2014, 10, 11, 13, 3, 4, 57);
    assert.equal(formatDate(ms, "EEE, d MMM yyyy hh:mm a 'at' z", UTC), 'Tue, 11 Nov 2014 01:03 PM at UTC');
    assert.equal(formatDate(ms, 'EEEE MMMM D u w Z X S SSS yy', UTC), 'Tuesday November 315 2 46 +0000 Z 57 057 14');
    const la = resolveZone('PST');
    assert.ok(la !== undefined);
    assert.equal(formatDate(ms, 'yyyy-MM-dd HH:mm Z XXX', la), '2014-11-11 05:03 -0800 -08:00');
    assert.throws(() => formatDate(ms, 'yyyy-bb', UTC), /Illegal pattern character 'b'/);
  });
  test('lenient parsing: variable widths, names, offsets, roll-over', () => {
    assert.equal(parseDate('2014-3-9 2:3:4', 'yyyy-MM-dd H:m:s', UTC), Date.UTC(2014, 2, 9, 2, 3, 4));
    assert.equal(parseDate('11 nov 2014', 'dd MMM yyyy', UTC), Date.UTC(2014, 10, 11));
    assert.equal(parseDate('2014-11-11T10:00:00+0530', "yyyy-MM-dd'T'HH:mm:ssZ", UTC), Date.UTC(2014, 10, 11, 4, 30));
    assert.equal(parseDate('2014-13-01', 'yyyy-MM-dd', UTC), Date.UTC(2015, 0, 1));
    assert.equal(parseDate('20141111', 'yyyyMMdd', UTC), Date.UTC(2014, 10, 11));
    assert.equal(parseDate('07:30 PM', 'hh:mm a', UTC), Date.UTC(1970, 0, 1, 19, 30));
    assert.throws(() => parseDate('2014/11/11', 'yyyy-MM-dd', UTC), /Unparseable date/);
  });
  test('day of year against day of month: the one read last wins, months do not count', () => {
    // 'MM' in the time part reads a second month (30), but the day of year read before it still decides the date
    assert.equal(parseDate('2007-11-30 10:30:19', 'yyyy-MM-DD HH:MM:SS', UTC), Date.UTC(2007, 0, 30, 10, 0, 0, 19));
    assert.equal(parseDate('045 2010-06', 'DDD yyyy-MM', UTC), Date.UTC(2010, 1, 14));
    assert.equal(parseDate('045 2010-06-03', 'DDD yyyy-MM-dd', UTC), Date.UTC(2010, 5, 3));
    assert.equal(parseDate('2010-06-03 045', 'yyyy-MM-dd DDD', UTC), Date.UTC(2010, 1, 14));
  });
});
