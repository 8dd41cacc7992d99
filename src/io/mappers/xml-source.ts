/**
 * XML source mapper (`@map(type='xml')`): Siddhi's siddhi-map-xml input semantics. Default mapping reads
 * `<events><event><attr>v</attr>...</event>...</events>`; another root or malformed XML drops the whole
 * message, a bad event drops only itself. Custom mapping reads each attribute with an XPath (with the
 * `namespaces` prefixes) from every child of the nodes `enclosing.element` selects (or from those nodes
 * themselves with `enclosing.element.as.event`), or from the root element. With
 * `enable.streaming.xml.content` the XML may arrive in pieces: each complete element named by the last step
 * of `enclosing.element` is one event, however the pieces cut the text.
 */
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import type { XPathSelect } from 'xpath';
import type { ExtensionSpec } from '../../lang/catalog.js';
import { parseXml } from '../../engine/functions/shared/xml-parse.js';
import {
  MapperConfigError,
  type MappedInput,
  type MappingError,
  type SourceMapperConfig,
  type SourceMapperFactory,
} from './mapper.js';
import { resolveAttributeMappings, type ResolvedMapping } from './shared/attribute-mappings.js';
import { TransportAwareSourceMapper } from './shared/transport-aware-source.js';
import { convertText, reason } from './shared/java-parse.js';
import { lazyRequire } from './shared/lazy-require.js';
import { boolOption, payloadText, typeName } from './shared/options.js';
import { XmlElementChunker } from './shared/xml-element-chunker.js';

const spec: ExtensionSpec = {
  kind: 'sourceMapper',
  namespace: '',
  name: 'xml',
  description:
    'Converts XML messages into events. Default mapping reads `<events><event><attr>value</attr>...</event>...</events>`; custom mapping reads each attribute with an XPath given in `@attributes`.',
  parameters: [],
  options: [
    {
      name: 'namespaces',
      type: ['string'],
      optional: true,
      description: 'Namespace prefixes used in the XPaths: `prefix=uri,prefix2=uri2`.',
    },
    {
      name: 'enclosing.element',
      type: ['string'],
      optional: true,
      description: 'XPath of the elements whose children are the events (custom mapping).',
    },
    {
      name: 'enclosing.element.as.event',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, each element `enclosing.element` selects is itself one event.',
    },
    {
      name: 'fail.on.missing.attribute',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description:
        'When true, an event whose XPath selects nothing (or whose value cannot be converted) is dropped; when false, the attribute is null.',
    },
    {
      name: 'extract.leaf.node.data',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        "When true, one event is made per leaf group of nested elements, the XPaths being absolute paths (`/stock/volume`) from the event element, parents' values shared by their leaves.",
    },
    {
      name: 'enable.streaming.xml.content',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description:
        'When true, the XML may arrive split over several messages (a file read line by line): every complete element named by the last step of `enclosing.element` (required) is one event, mapped as with `enclosing.element.as.event`.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='xml'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description:
        'Reads `<events><event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume></event></events>`.',
    },
    {
      syntax:
        "@source(type='inMemory', topic='stock', @map(type='xml', namespaces='dt=urn:schemas-microsoft-com:datatypes', enclosing.element='//portfolio', @attributes(symbol='symbol', price='dt:price', volume='volume')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'One event per child of each `portfolio` element.',
    },
  ],
};

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
type Outcome = { data: unknown[] } | { error: string };

function childElements(node: XmlNode): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XmlElement);
  return out;
}

/** The element's own text (AXIOM `getText()`): its direct text and CDATA children. */
function ownText(el: XmlNode): string {
  let s = '';
  for (let c = el.firstChild; c !== null; c = c.nextSibling)
    if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
  return s;
}

/** @xmldom/xmldom and xpath, loaded when the first xml source mapper is created. */
const xmldom = lazyRequire<typeof import('@xmldom/xmldom')>('@xmldom/xmldom');
const xpath = lazyRequire<typeof import('xpath')>('xpath');

class XmlSourceMapper extends TransportAwareSourceMapper {
  protected readonly failOnMissing: boolean;
  protected readonly mappings;
  private readonly select: XPathSelect;
  private readonly enclosing: string | undefined;
  private readonly asEvent: boolean;
  private readonly leafData: boolean;
  private readonly streaming: XmlElementChunker | undefined;
  private readonly serializer = new (xmldom().XMLSerializer)();

  constructor(private readonly config: SourceMapperConfig) {
    super();
    const o = config.options;
    this.failOnMissing = boolOption(o, 'fail.on.missing.attribute', true);
    this.mappings = resolveAttributeMappings(config, 'xml');
    const ns: Record<string, string> = {};
    for (const part of (o.get('namespaces') ?? '').split(',').filter((p) => p.trim() !== '')) {
      const kv = part.split('=');
      if (kv.length !== 2)
        throw new MapperConfigError(
          `Malformed namespace mapping found: ${part}. Each namespace has to have format: <prefix>=<uri>`,
        );
      ns[(kv[0] as string).trim()] = (kv[1] as string).trim();
    }
    this.select = xpath().useNamespaces(ns);
    this.enclosing = this.mappings ? o.get('enclosing.element') : undefined;
    this.streaming = boolOption(o, 'enable.streaming.xml.content', false) ? this.chunker(config) : undefined;
    // Streamed elements are the events themselves.
    this.asEvent = this.streaming !== undefined || boolOption(o, 'enclosing.element.as.event', false);
    this.leafData = boolOption(o, 'extract.leaf.node.data', false);
    for (const path of [
      this.enclosing,
      ...(this.leafData ? [] : (this.mappings?.payload ?? []).map((m) => m.mapping)),
    ]) {
      if (path === undefined) continue;
      try {
        this.run(path, parseXml('<a/>'));
      } catch (e) {
        throw new MapperConfigError(`Error occurred when building XPath from: ${path} (${reason(e)})`);
      }
    }
  }

  /** The chunker of `enable.streaming.xml.content`, cutting out the elements `enclosing.element` ends with. */
  private chunker(config: SourceMapperConfig): XmlElementChunker {
    const last = (this.enclosing ?? '').split('/').pop() ?? '';
    const name = last.replace(/\[.*$/, '').trim();
    if (this.mappings === undefined || name === '')
      throw new MapperConfigError(
        `The xml source mapper of '${config.streamId}' needs @attributes and an 'enclosing.element' such as '/root/item' when 'enable.streaming.xml.content' is true.`,
      );
    return new XmlElementChunker(name);
  }

  /** Evaluates an XPath: the nodes it selects, or the text of a string, number or boolean result. */
  private run(path: string, node: XmlNode): XmlNode[] | string {
    const r = this.select(path, node as unknown as Node) as unknown;
    return Array.isArray(r) ? (r as XmlNode[]) : String(r);
  }

  protected mapPayload(payload: unknown): MappedInput {
    const text = payloadText(payload);
    if (text === undefined)
      return fail(payload, `Event object is invalid. Expected String or Byte Array, but found ${typeName(payload)}`);
    if (this.streaming) return this.mapStreamed(this.streaming, text);
    let root: XmlElement;
    try {
      root = parseXml(text);
    } catch (e) {
      return fail(
        payload,
        `Error parsing incoming XML event : ${text}. Reason: ${reason(e)}. Hence dropping message chunk`,
      );
    }
    const { events, errors, collect } = this.collector();
    if (this.mappings === undefined) {
      if (root.localName !== 'events') {
        return fail(
          payload,
          `Incoming XML message should adhere to pre-defined format when using default mapping. Root element name should be events. But found ${root.localName}. Hence dropping XML message : ${text}`,
        );
      }
      for (const el of childElements(root)) if (el.localName === 'event') collect(this.defaultEvent(el), el);
      return { events, errors };
    }
    const mappings = this.mappings.payload;
    if (this.enclosing === undefined) {
      for (const o of this.customEvents(root, mappings)) collect(o, root);
      return { events, errors };
    }
    const nodes = this.run(this.enclosing, root);
    const elements = typeof nodes === 'string' ? [] : nodes.filter((n): n is XmlElement => n.nodeType === 1);
    if (elements.length === 0)
      return fail(payload, `Provided enclosing element did not match any xml node. Hence dropping the event :${text}`);
    for (const enclosing of elements) {
      for (const el of this.asEvent ? [enclosing] : childElements(enclosing))
        for (const o of this.customEvents(el, mappings)) collect(o, el);
    }
    return { events, errors };
  }

  private collector(): {
    events: unknown[][];
    errors: MappingError[];
    collect: (o: Outcome, node: XmlNode) => void;
  } {
    const events: unknown[][] = [];
    const errors: MappingError[] = [];
    const collect = (o: Outcome, node: XmlNode): void => {
      if ('data' in o) events.push(o.data);
      else errors.push({ message: o.error, payload: this.serializer.serializeToString(node) });
    };
    return { events, errors, collect };
  }

  /** `enable.streaming.xml.content`: maps each element this piece of text completes. */
  private mapStreamed(chunker: XmlElementChunker, text: string): MappedInput {
    const { events, errors, collect } = this.collector();
    for (const piece of chunker.push(text)) {
      let el: XmlElement;
      try {
        el = parseXml(piece);
      } catch (e) {
        errors.push({
          message: `Error parsing incoming XML event : ${piece}. Reason: ${reason(e)}. Hence dropping message chunk`,
          payload: piece,
        });
        continue;
      }
      for (const o of this.customEvents(el, this.mappings?.payload ?? [])) collect(o, el);
    }
    return { events, errors };
  }

  private defaultEvent(eventEl: XmlElement): Outcome {
    const attrs = this.config.attributes;
    const data: unknown[] = new Array<unknown>(attrs.length).fill(null);
    const seen = new Set<number>();
    for (const el of childElements(eventEl)) {
      const position = attrs.findIndex((a) => a.name === el.localName);
      if (position < 0) continue; // Siddhi ignores (and logs) elements of unknown attributes
      seen.add(position);
      if (el.getAttributeNS(XSI, 'nil') === 'true' || el.getAttribute('xsi:nil') === 'true') continue;
      try {
        data[position] = convertText(ownText(el), (attrs[position] as (typeof attrs)[number]).type);
      } catch (e) {
        return {
          error: `Error occurred when extracting attribute value. Cause: ${reason(e)}. Hence dropping the event: ${this.serializer.serializeToString(eventEl)}`,
        };
      }
    }
    if (this.failOnMissing) {
      const missing = attrs.findIndex((_, i) => !seen.has(i));
      if (missing >= 0) {
        return {
          error: `No attribute with name: ${attrs[missing]?.name} found in input event: ${this.serializer.serializeToString(eventEl)}. Hence dropping the event.`,
        };
      }
    }
    return { data };
  }

  private customEvents(el: XmlElement, mappings: readonly ResolvedMapping[]): Outcome[] {
    return this.leafData ? this.leafEvents(el, mappings) : [this.customEvent(el, mappings)];
  }

  private customEvent(el: XmlElement, mappings: readonly ResolvedMapping[]): Outcome {
    const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
    const shown = (): string => this.serializer.serializeToString(el);
    for (const m of mappings) {
      // a node list, or the text of an XPath returning a string, number or boolean
      const result = this.run(m.mapping, el);
      let nodes: XmlNode[] = typeof result === 'string' ? [] : result;
      if (typeof result !== 'string' && nodes.length === 0) {
        if (
          this.asEvent &&
          (el.localName ?? '').toLowerCase() === m.mapping.toLowerCase() &&
          childElements(el).length === 0
        )
          nodes = [el];
        else if (this.failOnMissing)
          return { error: `Xpath: '${m.mapping}' did not yield any results. Hence dropping the event : ${shown()}` };
        else continue;
      }
      const node = nodes[0];
      let text: string;
      if (typeof result === 'string') text = result;
      else if (node !== undefined && node.nodeType === 1) {
        if (childElements(node).length > 0) {
          if (m.type !== 'string')
            return {
              error: `XPath: ${m.mapping} did not return a leaf element and stream definition is not expecting a String attribute. Hence dropping the event: ${shown()}`,
            };
          data[m.position] = this.serializer.serializeToString(node);
          continue;
        }
        text = ownText(node);
      } else text = node?.nodeValue ?? '';
      try {
        data[m.position] = convertText(text, m.type);
      } catch (e) {
        if (this.failOnMissing || node?.nodeType === 2) {
          return {
            error: `Error occurred when extracting attribute value. Cause: ${reason(e)}. Hence dropping the event: ${shown()}`,
          };
        }
      }
    }
    return { data };
  }

  /** `extract.leaf.node.data`: one event per leaf group, keyed by absolute element paths. */
  private leafEvents(el: XmlElement, mappings: readonly ResolvedMapping[]): Outcome[] {
    interface Holder {
      readonly parent: Holder | undefined;
      readonly values: Map<string, string>;
    }
    const leaves: Holder[] = [];
    const walk = (path: string, node: XmlElement, parent: Holder | undefined): void => {
      const holder: Holder = { parent, values: new Map() };
      for (let i = 0; i < node.attributes.length; i++) {
        const a = node.attributes.item(i);
        if (a) holder.values.set(`${path}/${node.localName}/@${a.localName}`, a.value);
      }
      const next = `${path}/${node.localName}`;
      const children = childElements(node);
      let hasChildren = false;
      for (const c of children) {
        if (childElements(c).length === 0 && ownText(c).trim() !== '')
          holder.values.set(`${next}/${c.localName}`, ownText(c).trim());
        else {
          hasChildren = true;
          walk(next, c, holder);
        }
      }
      if (!hasChildren) leaves.push(holder);
    };
    walk('', el, undefined);
    return leaves.map((leaf): Outcome => {
      const flat = new Map<string, string>();
      for (let h: Holder | undefined = leaf; h !== undefined; h = h.parent)
        for (const [k, v] of h.values) if (!flat.has(k)) flat.set(k, v);
      const data: unknown[] = new Array<unknown>(this.config.attributes.length).fill(null);
      for (const m of mappings) {
        const v = flat.get(m.mapping);
        if (v === undefined) {
          if (this.failOnMissing)
            return {
              error: `Error occurred when selecting attribute: ${m.name} in the input event, using the given XPath: ${m.mapping}`,
            };
          continue;
        }
        try {
          data[m.position] = convertText(v, m.type);
        } catch (e) {
          if (this.failOnMissing)
            return {
              error: `Error occurred when extracting attribute value. Cause: ${reason(e)}. Hence dropping the event: ${this.serializer.serializeToString(el)}`,
            };
        }
      }
      return { data };
    });
  }
}

function fail(payload: unknown, message: string): MappedInput {
  return { events: [], errors: [{ message, payload }] };
}

export const xmlSourceMapper: SourceMapperFactory = {
  spec,
  create: (config) => new XmlSourceMapper(config),
};
