import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { PointsAccount } from './points-account.entity';

@Injectable()
export class PointsFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('points', this);
  }

  async factsFor(memberIds: number[]): Promise<Map<number, Partial<MemberFacts>>> {
    const rows = await this.dataSource.getRepository(PointsAccount).findBy({ memberId: In(memberIds) });
    return new Map(rows.map((p) => [p.memberId, { points: p.balancePoints }]));
  }
}
