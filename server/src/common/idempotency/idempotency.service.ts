import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { insertIgnore } from '../../database/insert-ignore';
import { AppError } from '../errors/app-error';
import { IdempotencyRecord } from './idempotency-record.entity';

const TTL_MS = 24 * 3600_000;
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;

export type IdempotencyStart = { kind: 'execute'; recordId: number } | { kind: 'replay'; status: number; body: unknown };

/** Deterministic JSON: object keys sorted, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

/**
 * Stripe-style idempotency: the first request with a key claims it (unique insert) and runs; its
 * response is stored. A retry with the same key and body gets the stored response; with another
 * body it is refused; a concurrent duplicate waits for the first to finish and gets its response.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async start(scope: string, key: string, hash: string): Promise<IdempotencyStart> {
    const repo = this.dataSource.getRepository(IdempotencyRecord);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claimed = await insertIgnore(this.dataSource.manager, IdempotencyRecord, {
        scope,
        idempotencyKey: key,
        requestHash: hash,
        state: 'in_progress',
        expiresAt: new Date(Date.now() + TTL_MS),
      });
      const record = await repo.findOneBy({ scope, idempotencyKey: key });
      if (!record) continue; // the first attempt failed and released the key between our two statements
      if (claimed && record.requestHash === hash && record.state === 'in_progress') return { kind: 'execute', recordId: record.id };
      if (record.requestHash !== hash) {
        throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'Idempotency-Key 已用于另一个不同的请求');
      }
      if (record.state === 'completed') {
        return { kind: 'replay', status: record.responseStatus ?? 200, body: record.responseBody ? JSON.parse(record.responseBody) : null };
      }
      if (Date.now() > deadline) throw new AppError(ErrorCode.IDEMPOTENCY_IN_PROGRESS);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async complete(recordId: number, status: number, body: unknown): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyRecord)
      .update({ id: recordId }, { state: 'completed', responseStatus: status, responseBody: JSON.stringify(body ?? null) });
  }

  /** The first attempt failed: nothing was committed, so the key is released for a retry. */
  async release(recordId: number): Promise<void> {
    await this.dataSource.getRepository(IdempotencyRecord).delete({ id: recordId, state: 'in_progress' });
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.dataSource.getRepository(IdempotencyRecord).delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
