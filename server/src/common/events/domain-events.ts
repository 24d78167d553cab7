import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';

/**
 * The events one domain publishes for others, with their payloads: the explicit interface between
 * modules that must not import each other. An event whose payload carries `manager` is published
 * inside the publisher's transaction; its listeners do their part in that same transaction and a
 * listener that throws rolls it back (listen with `{ suppressErrors: false }`).
 */
export interface DomainEventMap {
  /** After commit: the member's profile now has nickname, phone and birthday. */
  'member.profile_completed': { memberId: number };
  /** In the recharge's paid transaction: a recharge plan grants SVIP days. */
  'recharge.membership_days_granted': { manager: EntityManager; memberId: number; rechargeId: number; planId: number; days: number };
}

export type DomainEventName = keyof DomainEventMap;

@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Runs every listener and waits for all of them. */
  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}
