/**
 * The common end of the source mappers whose `@attributes` may read transport properties (`trp:`): each
 * maps the payload its own way (`mapPayload`), then the `trp:` attributes are filled here.
 */
import type { MappedInput, SourceMapper } from '../mapper.js';
import { applyTransportMappings, type ResolvedMappings } from './attribute-mappings.js';

export abstract class TransportAwareSourceMapper implements SourceMapper {
  /** The resolved `@attributes`, or undefined for default mapping. */
  protected abstract readonly mappings: ResolvedMappings | undefined;
  /** Whether an event whose transport property is missing is dropped (else the attribute is null). */
  protected abstract readonly failOnMissing: boolean;

  map(payload: unknown, transportProperties?: ReadonlyMap<string, unknown>): MappedInput {
    return applyTransportMappings(
      this.mapPayload(payload),
      this.mappings,
      transportProperties,
      this.failOnMissing,
      payload,
    );
  }

  /** The events of one message, before its `trp:` attributes are filled. */
  protected abstract mapPayload(payload: unknown): MappedInput;
}
