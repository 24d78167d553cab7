import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { MembershipAccount } from './membership.entity';

@Injectable()
export class MembershipFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('membership', this);
  }

  async factsFor(memberIds: number[], now: Date): Promise<Map<number, Partial<MemberFacts>>> {
    const rows = await this.dataSource.getRepository(MembershipAccount).findBy({ memberId: In(memberIds) });
    return new Map(rows.map((a) => [a.memberId, { svipExpiresAt: a.expiresAt, svipActive: a.expiresAt !== null && a.expiresAt.getTime() > now.getTime() }]));
  }
}
