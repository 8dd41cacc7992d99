/** Finding (or creating) the JetStream stream that holds a subject. */
import type { JetStreamManager } from 'nats';
import type { OptionReader } from '../../framework/transport.js';

/**
 * The stream named by `stream.name` (created over `subject` when missing), or the stream whose subjects
 * cover `subject`. Returns undefined when there is none and no name to create one under.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  options: OptionReader,
  subject: string | undefined,
): Promise<string | undefined> {
  const name = options.get('stream.name');
  if (name === undefined) {
    if (subject === undefined) return undefined;
    try {
      return await jsm.streams.find(subject);
    } catch {
      return undefined;
    }
  }
  try {
    await jsm.streams.info(name);
    return name;
  } catch (e) {
    if (!/not found/i.test(e instanceof Error ? e.message : String(e))) throw e;
  }
  const dupWindowMs = options.number('duplicate.window', 120000);
  const { nanos } = await import('nats');
  await jsm.streams.add({
    name,
    subjects: [subject ?? `${name}.>`],
    duplicate_window: nanos(dupWindowMs),
  });
  return name;
}
