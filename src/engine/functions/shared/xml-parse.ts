/** Reading XML text with @xmldom/xmldom, loaded on first use: for `map:createFromXML` and the xml source mapper. */
import { createRequire } from 'node:module';
import type { Element as XmlElement } from '@xmldom/xmldom';

const require = createRequire(import.meta.url);
let xmldom: typeof import('@xmldom/xmldom') | undefined;

/** The root element of an XML text; throws on text that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  xmldom ??= require('@xmldom/xmldom') as typeof import('@xmldom/xmldom');
  const doc = new xmldom.DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(text, 'text/xml');
  const root = doc.documentElement;
  if (root === null) throw new Error('no root element');
  return root;
}
