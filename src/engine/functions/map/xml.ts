/**
 * `map:createFromXML` (the child elements of the root become keys, nested elements nested maps, text values
 * booleans or numbers where they read as such) and `map:toXML`. XML is read with @xmldom/xmldom.
 */
import type { Element as XmlElement } from '@xmldom/xmldom';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { javaValueToString } from '../shared/java-format.js';
import { validateWith } from '../shared/overloads.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { parseXml } from '../shared/xml-parse.js';
import { isJavaMap, mapEntries, mapErrors, type JavaMap } from './map-support.js';
import { MAP_PARAMETER } from './spec-parts.js';

/** commons-lang `NumberUtils.isNumber` (3.3): decimal, exponent and type-suffix forms, and hex. */
const NUMBER = /^-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[dDfF]?|\d+[lL])$/;

/**
 * Java's `NumberFormat.getInstance().parse` (en-US): the longest leading number, grouping commas allowed,
 * an exponent only with a capital `E`; undefined when no number starts the text.
 */
function parseLeadingNumber(text: string): number | undefined {
  const m = /^(-?)([\d,]*)(\.\d*)?/.exec(text) as RegExpExecArray;
  const digits = (m[2] as string).replace(/,/g, '');
  const fraction = m[3] ?? '';
  if (digits === '' && fraction.length <= 1) return undefined;
  const exponent = /^E([-+]?\d+)/.exec(text.slice(m[0].length));
  return Number(`${m[1]}${digits === '' ? '0' : digits}${fraction === '.' ? '' : fraction}e${exponent?.[1] ?? '0'}`);
}

function leafValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (NUMBER.test(text)) return parseLeadingNumber(text) ?? text;
  return text;
}

function mapOfElement(parent: XmlElement): JavaHashMap {
  const map = new JavaHashMap();
  for (let c = parent.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const el = c as XmlElement;
    const local = el.localName ?? el.nodeName;
    const key = el.namespaceURI ? `{${el.namespaceURI}}${local}` : local;
    let hasChild = false;
    let text = '';
    for (let t = el.firstChild; t !== null; t = t.nextSibling) {
      if (t.nodeType === 1) hasChild = true;
      else if (t.nodeType === 3 || t.nodeType === 4) text += t.nodeValue ?? '';
    }
    map.set(key, hasChild ? mapOfElement(el) : leafValue(text));
  }
  return map;
}

const createError = mapErrors('CreateFromXMLFunctionExtension');

const createBase = {
  kind: 'function',
  namespace: 'map',
  name: 'createFromXML',
  description:
    'Makes a map from XML: each child element of the root is a key (`{namespace}name` when it has a namespace), ' +
    'with a nested map for an element that has child elements, else its text: a boolean for "true" or "false", ' +
    'a number for numeric text, else the text itself.',
  parameters: [{ name: 'xml.string', type: ['string'], description: 'The XML text.' }],
  returns: { type: ['object'], description: 'The new map.' },
  examples: [
    {
      syntax: "map:createFromXML('<stock><symbol>IBM</symbol><price>200</price><volume>100</volume></stock>')",
      description: 'A map of "symbol" → "IBM", "price" → 200 and "volume" → 100.',
    },
  ],
} as const satisfies ExtensionSpec;

export const createFromXML: FunctionImpl = {
  spec: { ...createBase, validate: validateWith(createBase) },
  create: () => (xml) => {
    if (typeof xml !== 'string') throw createError('Data should be a string');
    let root: XmlElement;
    try {
      root = parseXml(xml);
    } catch (e) {
      throw createError(`Input data cannot be parsed to xml: ${(e as Error).message}`, e);
    }
    return mapOfElement(root);
  },
};

const toXmlError = mapErrors('ToXMLFunctionExtension');

function elementsOf(map: JavaMap): string {
  let out = '';
  for (const [k, v] of mapEntries(map)) {
    const key = javaValueToString(k);
    if (v === null || v === undefined) throw toXmlError(`The value of the key '${key}' is null`);
    out += `<${key}>${isJavaMap(v) ? elementsOf(v) : javaValueToString(v)}</${key}>`;
  }
  return out;
}

const toXmlBase = {
  kind: 'function',
  namespace: 'map',
  name: 'toXML',
  description:
    'Writes a map as XML: one element per key holding its value (nested maps as nested elements), optionally ' +
    'inside a root element. Like Siddhi, text is written as it is, without escaping.',
  parameters: [
    MAP_PARAMETER,
    {
      name: 'root.element.name',
      type: ['string'],
      optional: true,
      constantOnly: true,
      description: 'The name of the root element; without it the elements have no root.',
    },
  ],
  returns: { type: ['string'], description: 'The XML text.' },
  examples: [
    {
      syntax: "map:toXML(company, 'abcCompany')",
      description:
        'For a map of "symbol" → "WSO2", "price" → 100 gives <abcCompany><symbol>WSO2</symbol><price>100</price></abcCompany>.',
    },
    { syntax: 'map:toXML(company)', description: 'Gives <symbol>WSO2</symbol><price>100</price>.' },
  ],
} as const satisfies ExtensionSpec;

export const toXML: FunctionImpl = {
  spec: { ...toXmlBase, validate: validateWith(toXmlBase) },
  create: (ctx) => {
    const root = ctx.argTypes.length === 2 ? String(ctx.constants[1]) : undefined;
    return (map) => {
      if (!isJavaMap(map)) throw toXmlError('Data should be a Map');
      const body = elementsOf(map);
      return root === undefined ? body : `<${root}>${body}</${root}>`;
    };
  },
};
