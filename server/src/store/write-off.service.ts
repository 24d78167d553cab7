import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WriteOff } from './binding.entity';

export type WriteOffRecord = Pick<WriteOff, 'kind' | 'refId' | 'memberId' | 'title' | 'storeId' | 'staffAccountId'>;

/** The record of what staff handed over in store: one row per redeemed thing (unique kind + ref). */
@Injectable()
export class WriteOffService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the transaction that redeemed the thing; a second write-off of the same ref fails on the unique key. */
  async record(manager: EntityManager, row: WriteOffRecord): Promise<WriteOff> {
    const inserted = await manager.getRepository(WriteOff).insert(row);
    return manager.getRepository(WriteOff).findOneByOrFail({ id: inserted.identifiers[0].id as number });
  }

  list(filter: { storeId?: number; staffAccountId?: number; limit: number }): Promise<WriteOff[]> {
    return this.dataSource.getRepository(WriteOff).find({
      where: { ...(filter.storeId ? { storeId: filter.storeId } : {}), ...(filter.staffAccountId ? { staffAccountId: filter.staffAccountId } : {}) },
      order: { id: 'DESC' },
      take: filter.limit,
    });
  }
}
