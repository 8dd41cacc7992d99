import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { xmlSourceMapper } from '../../../src/io/mappers/xml-source.js';
import { xmlSinkMapper } from '../../../src/io/mappers/xml-sink.js';
import type { SourceMapper } from '../../../src/io/mappers/mapper.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const f = Math.fround;
function run(m: SourceMapper, payloads: string[]): { events: unknown[][]; errors: string[] } {
  const rs = payloads.map((p) => m.map(p));
  return { events: rs.flatMap((r) => r.events), errors: rs.flatMap((r) => r.errors.map((e) => e.message)) };
}
const PORTFOLIO =
  '<?xml version="1.0"?><portfolio xmlns:dt="urn:schemas-microsoft-com:datatypes">  <stock exchange="nasdaq">    <volume>100</volume>    <symbol>WSO2</symbol>    <price dt:dt="number">55.6</price>  </stock>  <stock exchange="nyse">    <volume>200</volume>    <symbol>IBM</symbol>    <price dt:dt="number">75.6</price>  </stock></portfolio>';
const NS = { namespaces: 'dt=urn:schemas-microsoft-com:datatypes' };

describe('xml source mapper, default mapping', () => {
  test('values are converted; empty numbers and bad numbers drop the event (testXmlInputMappingDefault)', () => {
    const m = xmlSourceMapper.create(sourceConfig(attrs('symbol string, price float, volume int')));
    const e = (s: string, p: string, v: string): string =>
      `<events><event><symbol>${s}</symbol><price>${p}</price><volume>${v}</volume></event></events>`;
    const r = run(m, [
      e('', '55.689', '100'),
      e('IBM@#$%^*', '75', '10'),
      e('WSO2', '75', ''),
      e('WSO2', '', '10'),
      e(' ', '56', '10'),
      e('WSO2', '56', 'aa'),
      e('WSO2', 'bb', '10'),
      e('WSO2', 'bb', '10.6'),
    ]);
    assert.deepEqual(r.events, [
      ['', f(55.689), 100],
      ['IBM@#$%^*', 75, 10],
      [' ', 56, 10],
    ]);
    assert.equal(r.errors.length, 5);
    assert.match(r.errors[0] as string, /^Error occurred when extracting attribute value/);
  });

  test('another root or malformed XML drops the whole message (testXmlInputMappingDefaultNegative)', () => {
    const m = xmlSourceMapper.create(sourceConfig(STOCK));
    const r = run(m, [
      '<test><event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume></event></test>',
      '<events><event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume><event><symbol>IBM</symbol><price>75.6</price><volume>10</volume></event></events>',
    ]);
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0] as string, /Root element name should be events. But found test/);
    assert.match(r.errors[1] as string, /^Error parsing incoming XML event/);
  });

  test('good events survive a bad one; unknown elements are ignored, missing ones drop (testXmlInputMappingDefaultMultipleEventsOnBinaryMessage, Custom4)', () => {
    const m = xmlSourceMapper.create(sourceConfig(STOCK));
    const r = m.map(
      Buffer.from(
        '<events><event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume></event><event><symbol>IBM</symbol><price>75.6</price><volume>10</volume></event><event111><symbol>IBM</symbol></event111><event><symbol1>IBM</symbol1><price>75.6</price><volume>10</volume></event></events>',
      ),
    );
    assert.deepEqual(r.events, [
      ['WSO2', f(55.6), 100],
      ['IBM', f(75.6), 10],
    ]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]?.message as string, /No attribute with name: symbol found/);
  });

  test('xsi:nil reads as null', () => {
    const m = xmlSourceMapper.create(sourceConfig(STOCK));
    const r = m.map(
      '<events xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><event><symbol>A</symbol><price xsi:nil="true"/><volume>1</volume></event></events>',
    );
    assert.deepEqual(r.events, [['A', null, 1]]);
  });
});

describe('xml source mapper, custom mapping', () => {
  test('XPaths of attributes (testXmlInputMappingCustom2)', () => {
    const m = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { ...NS, 'enclosing.element': '//portfolio' },
        keyed({ symbol: 'symbol/@exchange', price: 'price/@priceAttr', volume: 'volume/@volAttr' }),
      ),
    );
    const r = m.map(
      '<portfolio><stock exchange="nasdaq"><volume volAttr="108">100</volume><symbol exchange="null">WSO2</symbol><price priceAttr="55.8">55.6</price></stock></portfolio>',
    );
    assert.deepEqual(r.events, [['null', f(55.8), 108]]);
  });

  test('nested paths; an empty value drops the event unless fail.on.missing.attribute is false (Custom3, Custom10)', () => {
    const payload = PORTFOLIO.replace('<volume>200</volume>', '<volume></volume>');
    const strict = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { ...NS, 'enclosing.element': '//portfolio' },
        keyed({ symbol: 'symbol', price: 'price', volume: 'volume' }),
      ),
    );
    const r = strict.map(payload);
    assert.deepEqual(r.events, [['WSO2', f(55.6), 100]]);
    assert.equal(r.errors.length, 1);
    const lenient = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { ...NS, 'fail.on.missing.attribute': 'false', 'enclosing.element': '//portfolio' },
        { positional: ['symbol', 'price', 'volume'] },
      ),
    );
    assert.deepEqual(lenient.map(payload).events, [
      ['WSO2', f(55.6), 100],
      ['IBM', f(75.6), null],
    ]);
  });

  test('no enclosing element: paths from the root; namespaces; unmatched enclosing element (Custom5, 6, 8, 11)', () => {
    const root = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        NS,
        keyed({ symbol: '//stock[1]/symbol', price: '//stock[1]/price', volume: '//stock[1]/volume' }),
      ),
    );
    assert.deepEqual(root.map(PORTFOLIO).events, [['WSO2', f(55.6), 100]]);
    const wrongNs = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { namespaces: 'dt=urn:schemas-microsoft-com:data', 'enclosing.element': '//portfolio' },
        keyed({ symbol: 'symbol', price: 'dt:price', volume: 'volume' }),
      ),
    );
    const r = wrongNs.map(PORTFOLIO.replace(/<price dt:dt="number">([^<]*)<\/price>/g, '<dt:price>$1</dt:price>'));
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0]?.message as string, /Xpath: 'dt:price' did not yield any results/);
    const absent = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { 'enclosing.element': '//portfolio11' },
        keyed({ symbol: 'symbol', price: 'price', volume: 'volume' }),
      ),
    );
    assert.match(absent.map(PORTFOLIO).errors[0]?.message as string, /did not match any xml node/);
    const two = xmlSourceMapper.create(
      sourceConfig(
        STOCK,
        { 'enclosing.element': '//portfolio' },
        keyed({ symbol: 'symbol', price: 'price', volume: 'volume' }),
      ),
    );
    const r2 = two.map(
      '<root><portfolio><stock><volume>55</volume><symbol>WSO2</symbol><price>55.6</price></stock></portfolio><portfolio><stock><volume>200</volume><symbol>IBM</symbol><price>75.6</price></stock></portfolio></root>',
    );
    assert.deepEqual(r2.events, [
      ['WSO2', f(55.6), 55],
      ['IBM', f(75.6), 200],
    ]);
  });

  test('enclosing.element.as.event (testXmlInputMappingCustomOnNoChildrenInXpath, 2)', () => {
    const m = xmlSourceMapper.create(
      sourceConfig(
        attrs('data int'),
        { 'enclosing.element': '//message/listNode/data', 'enclosing.element.as.event': 'true' },
        keyed({ data: 'data' }),
      ),
    );
    assert.deepEqual(
      m.map(
        '<?xml version="1.0"?><message>\n<listNode>\n<data>1</data>\n<data>2</data>\n<data>3</data>\n</listNode>\n</message>',
      ).events,
      [[1], [2], [3]],
    );
    const m2 = xmlSourceMapper.create(
      sourceConfig(
        attrs('volume int, price float, symbol string'),
        { 'enclosing.element': '/events/wrapper/event', 'enclosing.element.as.event': 'true' },
        keyed({ volume: 'volume', price: 'price', symbol: 'symbol' }),
      ),
    );
    const r = m2.map(
      '<events><wrapper>\n<event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume></event>\n<event><symbol>IBM</symbol><price>66.6</price><volume>200</volume></event>\n</wrapper></events>',
    );
    assert.deepEqual(r.events, [
      [100, f(55.6), 'WSO2'],
      [200, f(66.6), 'IBM'],
    ]);
  });

  test('extract.leaf.node.data makes one event per leaf group (testXmlInputMappingForMultipleEventsWithNestedXMLStructure)', () => {
    const a = attrs(
      'volume int, price float, symbol string, alternateSymbolValue string, alternateSymbolValue2 string',
    );
    const m = xmlSourceMapper.create(
      sourceConfig(
        a,
        { 'enclosing.element': '/portfolio', 'fail.on.missing.attribute': 'false', 'extract.leaf.node.data': 'true' },
        keyed({
          volume: '/stock/volume',
          price: '/stock/price',
          symbol: '/stock/symbol',
          alternateSymbolValue: '/stock/leafNode/alternateSymbolValue',
          alternateSymbolValue2: '/stock/leafNode/alternateSymbolValue2',
        }),
      ),
    );
    const r = m.map(
      '<?xml version="1.0"?><portfolio>  <stock>    <volume>100</volume>    <symbol>WSO2</symbol>    <price>55.6</price>    <leafNode>         <alternateSymbolValue>WSO22</alternateSymbolValue>         <alternateSymbolValue2>WSO33</alternateSymbolValue2>    </leafNode>    <leafNode>         <alternateSymbolValue>WSO44</alternateSymbolValue>         <alternateSymbolValue2>WSO55</alternateSymbolValue2>    </leafNode>  </stock>  <stock exchange="nyse">    <volume>200</volume>    <symbol>IBM</symbol>    <price>99.9</price>  </stock></portfolio>',
    );
    assert.deepEqual(r.events, [
      [100, f(55.6), 'WSO2', 'WSO22', 'WSO33'],
      [100, f(55.6), 'WSO2', 'WSO44', 'WSO55'],
      [200, f(99.9), 'IBM', null, null],
    ]);
  });

  test('enable.streaming.xml.content: elements of the enclosing path are events, however the pieces cut the text', () => {
    const m = xmlSourceMapper.create(
      sourceConfig(
        attrs('code string, size int'),
        {
          'enclosing.element': '/shop/item',
          'enable.streaming.xml.content': 'true',
          'fail.on.missing.attribute': 'false',
        },
        keyed({ code: '/item/@code', size: '/item/size' }),
      ),
    );
    const pieces = [
      '<shop>',
      '  <note>ignored</note>',
      '  <item code="a1"><size>3</size></item><item code="b2"',
      '  >',
      '    <size>',
      '5</size>',
      '  </item>',
      '  <item code="c3"/>',
      '  <itemized code="z"><size>9</size></itemized>',
      '</shop>',
    ];
    const r = run(m, pieces);
    assert.deepEqual(r.events, [
      ['a1', 3],
      ['b2', 5],
      ['c3', null],
    ]);
    assert.deepEqual(r.errors, []);
  });

  test('enable.streaming.xml.content needs an enclosing element', () => {
    assert.throws(
      () =>
        xmlSourceMapper.create(
          sourceConfig(
            STOCK,
            { 'enable.streaming.xml.content': 'true' },
            keyed({ symbol: '/s', price: '/p', volume: '/v' }),
          ),
        ),
      /needs @attributes and an 'enclosing.element'/,
    );
  });

  test('bad configurations fail creation (Custom9, Custom16)', () => {
    assert.throws(
      () =>
        xmlSourceMapper.create(sourceConfig(STOCK, {}, keyed({ symbol1: 'symbol', price: 'price', volume: 'volume' }))),
      /no attribute named 'symbol1'/,
    );
    assert.throws(
      () =>
        xmlSourceMapper.create(
          sourceConfig(
            STOCK,
            { 'enclosing.element': '//12' },
            keyed({ symbol: 'symbol', price: 'price', volume: 'volume' }),
          ),
        ),
      /Error occurred when building XPath from: \/\/12/,
    );
  });
});

describe('xml sink mapper', () => {
  test('default mapping, null as xsi:nil (testXMLSinkmapperDefaultMappingWithSiddhiQL)', () => {
    const m = xmlSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(m.map([['WSO2', f(55.645), 100]]), [
      '<events><event><symbol>WSO2</symbol><price>55.645</price><volume>100</volume></event></events>',
    ]);
    assert.deepEqual(m.map([['IBM', 75, 100]]), [
      '<events><event><symbol>IBM</symbol><price>75.0</price><volume>100</volume></event></events>',
    ]);
    assert.deepEqual(m.map([['IBM', f(57.6), null]]), [
      '<events><event><symbol>IBM</symbol><price>57.6</price><volume xsi:nil="true"/></event></events>',
    ]);
  });

  test('a group is one document (testXMLSinkmapperDefaultMappingWithSiddhiQL2)', () => {
    const m = xmlSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      m.map([
        ['WSO2#@$', f(55.6), 100],
        ['IBM', f(75.6), 100],
      ]),
      [
        '<events><event><symbol>WSO2#@$</symbol><price>55.6</price><volume>100</volume></event><event><symbol>IBM</symbol><price>75.6</price><volume>100</volume></event></events>',
      ],
    );
  });

  test('enclosing element and templates (testXMLOutputCustomMappingWithXMLEnclosingElement, WithoutPayloadElement, CustomAttributes1)', () => {
    const t = xmlSinkMapper.create(
      sinkConfig(
        STOCK,
        { 'enclosing.element': "<portfolio xmlns:dt='urn:schemas-microsoft-com:datatypes'>" },
        { template: '<dt:StockData><Symbol>{{symbol}}</Symbol><Price>{{price}}</Price></dt:StockData>' },
      ),
    );
    assert.deepEqual(t.map([['WSO2', f(55.6), 100]]), [
      "<portfolio xmlns:dt='urn:schemas-microsoft-com:datatypes'><dt:StockData><Symbol>WSO2</Symbol><Price>55.6</Price></dt:StockData></portfolio>",
    ]);
    const d = xmlSinkMapper.create(sinkConfig(STOCK, { 'enclosing.element': '<portfolio>' }));
    assert.deepEqual(d.map([['IBM', f(75.6), 100]]), [
      '<portfolio><event><symbol>IBM</symbol><price>75.6</price><volume>100</volume></event></portfolio>',
    ]);
    const a = xmlSinkMapper.create(
      sinkConfig(
        attrs('id int, symbol string, price float, volume long'),
        {},
        { template: "<StockData><Symbol id='{{id}}' value='{{price}}'>{{symbol}}</Symbol></StockData>" },
      ),
    );
    assert.deepEqual(a.map([[1, 'WSO2', f(55.6), 100]]), [
      "<StockData><Symbol id='1' value='55.6'>WSO2</Symbol></StockData>",
    ]);
  });

  test('validate.xml drops malformed messages (negativeTestXMLOutputCustomMappingWithXMLValidation)', () => {
    const errors: string[] = [];
    const m = xmlSinkMapper.create(
      sinkConfig(
        STOCK,
        { 'enclosing.element': '<portfolio>', 'validate.xml': 'true' },
        { template: '<StockData data><Symbol>{{symbol}}</Symbol></StockData data>' },
        errors,
      ),
    );
    assert.deepEqual(m.map([['WSO2', f(55.6), 100]]), []);
    assert.equal(errors.length, 1);
    const open = xmlSinkMapper.create(
      sinkConfig(
        STOCK,
        { 'enclosing.element': '<portfolio', 'validate.xml': 'true' },
        { template: '<S>{{symbol}}</S>' },
      ),
    );
    assert.deepEqual(open.map([['WSO2', f(55.6), 100]]), []);
  });

  test('unknown attributes and object payloads fail creation (testNoSuchAttributeExceptionForXMLOutputMapping, ...123)', () => {
    assert.throws(
      () => xmlSinkMapper.create(sinkConfig(STOCK, {}, { template: '<S>{{non-exist}}</S>' })),
      /does not exist/,
    );
    assert.throws(
      () =>
        xmlSinkMapper.create(
          sinkConfig(attrs('symbol string, pay object'), { 'enclosing.element': '<portfolio>' }, { template: 'pay' }),
        ),
      /object @payload/,
    );
  });
});
