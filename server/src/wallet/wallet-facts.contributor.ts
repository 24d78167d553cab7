import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { Wallet } from './wallet.entity';

@Injectable()
export class WalletFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: MemberFactRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('wallet', this);
  }

  async factsFor(memberIds: number[]): Promise<Map<number, Partial<MemberFacts>>> {
    const rows = await this.dataSource.getRepository(Wallet).findBy({ memberId: In(memberIds) });
    return new Map(rows.map((w) => [w.memberId, { walletFen: w.principalFen + w.bonusFen }]));
  }
}
