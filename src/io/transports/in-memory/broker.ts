/**
 * The in-process message broker behind `@source(type='inMemory', topic=...)` and
 * `@sink(type='inMemory', topic=...)`: topic-based publish/subscribe between apps in one process.
 */
export type BrokerSubscriber = (message: unknown) => void;

export class InMemoryBroker {
  private readonly topics = new Map<string, Set<BrokerSubscriber>>();

  subscribe(topic: string, subscriber: BrokerSubscriber): () => void {
    let s = this.topics.get(topic);
    if (!s) this.topics.set(topic, (s = new Set()));
    s.add(subscriber);
    return () => s.delete(subscriber);
  }

  publish(topic: string, message: unknown): void {
    const s = this.topics.get(topic);
    if (!s) return;
    for (const sub of [...s]) sub(message);
  }

  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }
}

/** The process-wide broker (Siddhi's InMemoryBroker is likewise static). */
export const inMemoryBroker = new InMemoryBroker();
