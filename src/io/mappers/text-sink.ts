/**
 * Text sink mapper (`@map(type='text')`): Siddhi's siddhi-map-text output semantics. Default mapping prints
 * `attr:value` pairs separated by `,` + new line, strings in double quotes, null as `null`; `@payload`
 * templates are filled per event. With `event.grouping.enabled` a group is one message, its events
 * separated by new line + `delimiter` + new line.
 */
import { javaValueToString } from '../../engine/functions/shared/java-format.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { SinkMapper, SinkMapperConfig, SinkMapperFactory } from './mapper.js';
import { boolOption, stringOption } from './shared/options.js';
import { singleTextTemplate, type Template } from './shared/template.js';

const spec: ExtensionSpec = {
  kind: 'sinkMapper',
  namespace: '',
  name: 'text',
  description:
    'Converts events into text: `attr:value` lines by default (`symbol:"WSO2",\\nprice:55.6`), or the `@payload` template with `{{attr}}` placeholders filled in.',
  parameters: [],
  options: [
    {
      name: 'event.grouping.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'When true, the events of a multi-event chunk become one message separated by the delimiter line.',
    },
    {
      name: 'delimiter',
      type: ['string'],
      optional: true,
      defaultValue: '~~~~~~~~~~',
      description: 'Separator line of grouped events.',
    },
    {
      name: 'new.line.character',
      type: ['string'],
      optional: true,
      defaultValue: '\\n',
      description: 'Line separator between attributes and around the delimiter.',
    },
    {
      name: 'mustache.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Mustache templates (not supported by this engine yet).',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='text'))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `symbol:"WSO2",\\nprice:55.6,\\nvolume:100`.',
    },
    {
      syntax:
        "@sink(type='inMemory', topic='stock', @map(type='text', @payload('Stock price of {{symbol}} is {{price}}')))\ndefine stream FooStream (symbol string, price float, volume long);",
      description: 'Publishes `Stock price of WSO2 is 55.6`.',
    },
  ],
};

class TextSinkMapper implements SinkMapper {
  private readonly grouping: boolean;
  private readonly endOfLine: string;
  private readonly eventDelimiter: string;
  private readonly template: Template | undefined;

  constructor(private readonly config: SinkMapperConfig) {
    const o = config.options;
    this.grouping = boolOption(o, 'event.grouping.enabled', false);
    this.endOfLine = stringOption(o, 'new.line.character', '\n');
    this.eventDelimiter = stringOption(o, 'delimiter', '~~~~~~~~~~') + this.endOfLine;
    this.template = singleTextTemplate(config.payload, config.attributes, config.streamId, 'Text');
  }

  map(events: readonly (readonly unknown[])[], grouped = false): readonly unknown[] {
    if (events.length === 0) return [];
    const one = (e: readonly unknown[]): string =>
      this.template ? String(this.template.build(e)) : this.defaultEvent(e);
    if (!this.grouping || !(grouped || events.length > 1)) return events.map(one);
    return [events.map(one).join(this.endOfLine + this.eventDelimiter)];
  }

  private defaultEvent(data: readonly unknown[]): string {
    return this.config.attributes
      .map((a, i) => {
        const v = data[i];
        const text =
          v !== null && v !== undefined && a.type === 'string' ? `"${String(v)}"` : javaValueToString(v, a.type);
        return `${a.name}:${text}`;
      })
      .join(`,${this.endOfLine}`);
  }
}

export const textSinkMapper: SinkMapperFactory = {
  spec,
  create: (config) => new TextSinkMapper(config),
};
