import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertIgnore } from '../../database/insert-ignore';
import { JobLease } from './job-lease.entity';

/**
 * Database leases for scheduled jobs: one row per job name. Taking it is a conditional UPDATE (free
 * when expired, or already ours) or, the first time, an INSERT against the primary key; of
 * concurrent takers exactly one succeeds. The holder renews it while the job runs and releases it
 * after; a crashed holder's lease expires and the next instance takes it over. Times are the
 * instances' clocks (keep them NTP-synced; the TTL is far larger than any skew).
 */
@Injectable()
export class JobLeases {
  /** Distinct per JobRunner, also for two apps in one process (tests). */
  readonly owner = `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(6).toString('hex')}`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async acquire(name: string, ttlMs: number, now = new Date()): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    const taken = await this.dataSource
      .createQueryBuilder()
      .update(JobLease)
      .set({ owner: this.owner, expiresAt })
      .where('name = :name AND (expires_at <= :now OR owner = :owner)', { name, now, owner: this.owner })
      .execute();
    if (taken.affected) return true;
    return insertIgnore(this.dataSource.manager, JobLease, { name, owner: this.owner, expiresAt });
  }

  /** Extends a lease this instance holds; false when it was lost (expired and taken over). */
  async renew(name: string, ttlMs: number, now = new Date()): Promise<boolean> {
    const result = await this.dataSource.getRepository(JobLease).update({ name, owner: this.owner }, { expiresAt: new Date(now.getTime() + ttlMs) });
    return (result.affected ?? 0) > 0;
  }

  /** Ends this instance's lease now, so the next run (on any instance) need not wait for it to expire. */
  async release(name: string, now = new Date()): Promise<void> {
    await this.dataSource.getRepository(JobLease).update({ name, owner: this.owner }, { expiresAt: now });
  }
}
