import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { MemberBinding } from './binding.entity';

@Injectable()
export class StoreFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('store', this);
  }

  async factsFor(memberIds: number[]): Promise<Map<number, Partial<MemberFacts>>> {
    const rows = await this.dataSource.getRepository(MemberBinding).findBy({ memberId: In(memberIds) });
    return new Map(rows.map((b) => [b.memberId, { storeId: b.storeId, guideId: b.staffAccountId }]));
  }
}
