import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { DomainEvents, type OutboxEventMap, type OutboxEventName } from '../events/domain-events';
import { OutboxEvent } from './outbox-event.entity';
import { insertRows } from '../../database/insert-rows';
import { isRetryableLockError, retryOnDeadlock } from '../../database/transactions';

const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 10;

/**
 * After-commit events. `publish` inserts the event in the caller's transaction; `dispatchDue`
 * (scheduled, and run by tests) claims committed events one by one with a lease, runs their
 * listeners, and marks them dispatched. A listener that throws leaves the event to be retried after
 * its lease (up to 10 attempts); listeners must therefore be idempotent — they are keyed by the
 * event's own ids (order, recharge …).
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  async publish<K extends OutboxEventName>(manager: EntityManager, name: K, payload: OutboxEventMap[K]): Promise<void> {
    await insertRows(manager, OutboxEvent, { name, payload: JSON.stringify(payload) });
  }

  async dispatchDue(now = new Date(), limit = 200): Promise<{ dispatched: number; failed: number }> {
    const due = await this.dataSource.getRepository(OutboxEvent).find({
      where: [
        { dispatchedAt: IsNull(), leaseUntil: IsNull() },
        { dispatchedAt: IsNull(), leaseUntil: LessThan(now) },
      ],
      order: { id: 'ASC' },
      take: limit,
    });
    const report = { dispatched: 0, failed: 0 };
    for (const event of due) {
      if (event.attempts >= MAX_ATTEMPTS) continue;
      // Dispatchers racing for the same rows can be picked as deadlock victims: retried, and if it keeps
      // losing, the event is left for the next run (another dispatcher holds it, or will).
      const claimed = await retryOnDeadlock(() =>
        this.dataSource
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: () => 'attempts + 1' })
          .where('id = :id AND dispatched_at IS NULL AND (lease_until IS NULL OR lease_until < :now)', { id: event.id, now })
          .execute(),
      ).catch((error: unknown) => {
        if (isRetryableLockError(error)) return { affected: 0 };
        throw error;
      });
      if (!claimed.affected) continue;
      try {
        await this.events.publish(event.name as OutboxEventName, JSON.parse(event.payload));
        await retryOnDeadlock(() =>
          this.dataSource.getRepository(OutboxEvent).update({ id: event.id }, { dispatchedAt: new Date(), leaseUntil: null, lastError: '' }),
        );
        report.dispatched += 1;
      } catch (error) {
        report.failed += 1;
        this.logger.warn({ msg: 'outbox listener failed; will retry', event: event.name, id: event.id, error: (error as Error).message });
        await this.dataSource.getRepository(OutboxEvent).update({ id: event.id }, { lastError: (error as Error).message.slice(0, 255) });
      }
    }
    return report;
  }
}
