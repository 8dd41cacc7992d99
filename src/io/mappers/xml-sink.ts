/**
 * XML sink mapper (`@map(type='xml')`): Siddhi's siddhi-map-xml output semantics. Default mapping prints
 * `<events><event><attr>v</attr>...</event></events>` (all events of a group in one document), null as
 * `<attr xsi:nil="true"/>`; `enclosing.element='<portfolio ...>'` replaces `<events>`. `@payload` templates
 * are concatenated inside the enclosing element; `validate.xml='true'` drops messages that are not XML.
 */
import { javaValueToString } from '../../engine/functions/shared/java-format.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { SinkMapper, SinkMapperConfig, SinkMapperFactory } from './mapper.js';
import { lazyRequire } from './shared/lazy-require.js';
import { boolOption } from './shared/options.js';
import { singleTextTemplate, type Template } from './shared/template.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'xml',
  description:
    'Converts events into XML messages: `<events><event><attr>value</attr>...</event></events>` by default, or the `@payload` template with `{{attr}}` placeholders filled in, inside the enclosing element.',
  parameters: [],
  options: [
    {
      name: 'validate.xml',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, a message that is not well-formed XML is dropped (and reported).',
    },
    {
      name: 'enclosing.element',
      type: ['string'],
      optional: true,
      description:
        "Opening tag enclosing the events, e.g. `<portfolio xmlns:dt='urn:x'>`; default mapping uses `<events>` when absent.",
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='xml'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description:
        'Publishes `<events><event><symbol>WSO2</symbol><price>55.6</price><volume>100</volume></event></events>`.',
    },
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='xml', enclosing.element='<portfolio>', @payload('<StockData><Symbol>{{symbol}}</Symbol></StockData>')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `<portfolio><StockData><Symbol>WSO2</Symbol></StockData></portfolio>`.',
    },
  ],
};

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Siddhi's closing tag of an opening tag: `<a b='c'>` closes with `</a>`. */
function closingTag(open: string): string {
  const first = open.split(' ');
  const name = first.length === 1 ? open : `${first[0]}>`;
  return `${name.slice(0, 1)}/${name.slice(1)}`;
}

class XmlSinkMapper implements SinkMapper {
  private readonly validate: boolean;
  private readonly open: string | undefined;
  private readonly close: string;
  private readonly template: Template | undefined;

  constructor(private readonly config: SinkMapperConfig) {
    this.validate = boolOption(config.options, 'validate.xml', false);
    this.open = config.options.get('enclosing.element');
    this.close = this.open === undefined ? '' : closingTag(this.open);
    this.template = singleTextTemplate(config.payload, config.attributes, config.streamId, 'Xml');
  }

  map(events: readonly (readonly unknown[])[], grouped = false): readonly unknown[] {
    if (events.length === 0) return [];
    void grouped; // a lone event and a group both become one document
    if (this.template !== undefined) {
      const t = this.template;
      const message = (this.open ?? '') + events.map((e) => String(t.build(e))).join('') + this.close;
      if (this.validate && !wellFormed(message)) {
        this.config.onError?.({ message: `Invalid XML message. Dropping event: ${message}`, payload: message });
        return [];
      }
      return [message];
    }
    const body = events.map((e) => this.defaultEvent(e)).join('');
    return [this.open === undefined ? `<events>${body}</events>` : this.open + body + this.close];
  }

  private defaultEvent(data: readonly unknown[]): string {
    let s = '<event>';
    this.config.attributes.forEach((a, i) => {
      const v = data[i];
      s +=
        v === null || v === undefined
          ? `<${a.name} xsi:nil="true"/>`
          : `<${a.name}>${escapeXml(javaValueToString(v, a.type))}</${a.name}>`;
    });
    return `${s}</event>`;
  }
}

/** @xmldom/xmldom, loaded on the first check of `validate.xml='true'`. */
const xmldom = lazyRequire<typeof import('@xmldom/xmldom')>('@xmldom/xmldom');

function wellFormed(text: string): boolean {
  const { DOMParser } = xmldom();
  try {
    new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
    return true;
  } catch {
    return false;
  }
}

export const xmlSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new XmlSinkMapper(config),
};
