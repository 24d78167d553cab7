import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, REDIS_NAMESPACE } from './redis.tokens';

export type BusHandler = (keys: string[]) => void;

interface BusMessage {
  from: string;
  topic: string;
  keys: string[];
}

/** The special topic every handler receives after the subscriber reconnected: messages may have been lost meanwhile. */
export const RESYNC = '*resync';

/**
 * Invalidation messages between server instances over Redis pub/sub. An instance that changes
 * cached state clears its own copy and publishes; the others clear theirs when the message
 * arrives; an instance ignores its own messages. Pub/sub is at-most-once, so every cache using
 * the bus still has a TTL (the bound on staleness when a message is lost) and is cleared as a
 * whole after the subscriber reconnects. Without Redis, publish does nothing (one process).
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('ClusterBus');
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(REDIS_NAMESPACE) namespace: string,
  ) {
    this.channel = `${namespace}:bus`;
  }

  get shared(): boolean {
    return this.redis !== null;
  }

  /** Subscribes before the app serves, so an invalidation published once this instance is up is not missed. */
  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) this.deliver({ from: '', topic: RESYNC, keys: [] }, true);
      connectedBefore = true;
    });
    subscriber.on('error', (error: Error) => this.logger.warn({ msg: 'redis subscriber error', error: error.message }));
    subscriber.on('message', (_channel: string, raw: string) => {
      try {
        this.deliver(JSON.parse(raw) as BusMessage, false);
      } catch (error) {
        this.logger.warn({ msg: 'bad bus message', error: (error as Error).message });
      }
    });
    await withTimeout(subscriber.subscribe(this.channel), 5_000).catch((error: Error) =>
      this.logger.error({ msg: 'could not subscribe to the invalidation bus; caches fall back to their TTL', error: error.message }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber) await this.subscriber.quit().catch(() => this.subscriber!.disconnect());
  }

  /** Registers a handler for other instances' messages on `topic` (and for RESYNC). */
  on(topic: string, handler: BusHandler): void {
    if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
    this.handlers.get(topic)!.add(handler);
  }

  /**
   * Tells the other instances. Never rejects: callers may await it (Redis has handed the message to
   * the subscribers) or not; a lost message is bounded by the receiver's TTL or reload.
   */
  publish(topic: string, keys: string[] = []): Promise<void> {
    if (!this.redis) return Promise.resolve();
    const message: BusMessage = { from: this.instanceId, topic, keys };
    return this.redis.publish(this.channel, JSON.stringify(message)).then(
      () => undefined,
      (error: Error) => this.logger.warn({ msg: 'could not publish', topic, error: error.message }),
    );
  }

  private deliver(message: BusMessage, resync: boolean): void {
    if (!resync && message.from === this.instanceId) return;
    const targets = resync ? [...this.handlers.values()].flatMap((set) => [...set]) : [...(this.handlers.get(message.topic) ?? [])];
    for (const handler of targets) {
      try {
        handler(resync ? [RESYNC] : message.keys);
      } catch (error) {
        this.logger.warn({ msg: 'bus handler failed', topic: message.topic, error: (error as Error).message });
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}
