import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { WALLET_ENTRY_TITLES, type LiabilityReport, type WalletEntriesPage, type WalletEntryView, type WalletSummary } from '@mall/shared';
import { WalletEntry } from './wallet-entry.entity';
import { Wallet } from './wallet.entity';
import { WalletSettingsService } from './wallet-settings.service';

export function toEntryView(e: WalletEntry): WalletEntryView {
  return {
    id: e.id,
    kind: e.kind,
    title: WALLET_ENTRY_TITLES[e.kind] ?? e.kind,
    deltaPrincipal: e.deltaPrincipalFen,
    deltaBonus: e.deltaBonusFen,
    principalAfter: e.principalAfterFen,
    bonusAfter: e.bonusAfterFen,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Read side of the wallet: balances, ledger pages, liability. */
@Injectable()
export class WalletService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: WalletSettingsService,
  ) {}

  async summary(memberId: number, now = new Date()): Promise<WalletSummary> {
    const wallet = await this.dataSource.getRepository(Wallet).findOneBy({ memberId });
    const settings = await this.settings.get();
    const principal = wallet?.principalFen ?? 0;
    const bonus = wallet?.bonusFen ?? 0;
    return {
      principal,
      bonus,
      total: principal + bonus,
      hasPin: Boolean(wallet?.pinHash),
      pinRequiredFromFen: settings.pinRequiredFromFen,
      pinLocked: Boolean(wallet?.pinLockedUntil && wallet.pinLockedUntil > now),
    };
  }

  async entries(memberId: number, cursor: string | undefined, limit: number): Promise<WalletEntriesPage> {
    const rows = await this.dataSource.getRepository(WalletEntry).find({
      where: { memberId, ...(cursor ? { id: LessThan(Number(cursor)) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toEntryView), nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
  }

  async liability(from: Date, to: Date): Promise<LiabilityReport> {
    const outstanding = await this.dataSource
      .getRepository(Wallet)
      .createQueryBuilder('w')
      .select('COALESCE(SUM(w.principal_fen), 0)', 'principal')
      .addSelect('COALESCE(SUM(w.bonus_fen), 0)', 'bonus')
      .addSelect('COUNT(*)', 'wallets')
      .where('w.principal_fen > 0 OR w.bonus_fen > 0')
      .getRawOne<{ principal: string; bonus: string; wallets: string }>();
    const rows = await this.dataSource
      .getRepository(WalletEntry)
      .createQueryBuilder('e')
      .select('e.kind', 'kind')
      .addSelect('COALESCE(SUM(e.delta_principal_fen), 0)', 'principal')
      .addSelect('COALESCE(SUM(e.delta_bonus_fen), 0)', 'bonus')
      .where('e.created_at >= :from AND e.created_at < :to', { from, to })
      .groupBy('e.kind')
      .getRawMany<{ kind: string; principal: string; bonus: string }>();
    const by = (kind: string) => rows.find((r) => r.kind === kind) ?? { principal: '0', bonus: '0' };
    const n = (v: string | number) => Number(v);
    return {
      outstanding: { principalFen: n(outstanding?.principal ?? 0), bonusFen: n(outstanding?.bonus ?? 0), wallets: n(outstanding?.wallets ?? 0) },
      period: {
        from: from.toISOString(),
        to: to.toISOString(),
        rechargedPrincipalFen: n(by('recharge').principal),
        rechargedBonusFen: n(by('recharge').bonus),
        spentPrincipalFen: -n(by('spend').principal) - n(by('spend_refund').principal),
        spentBonusFen: -n(by('spend').bonus) - n(by('spend_refund').bonus),
        refundedPrincipalFen: -n(by('recharge_refund').principal) - n(by('refund_reversal').principal),
        withdrawnPrincipalFen: -n(by('withdraw').principal),
        forfeitedBonusFen: -n(by('bonus_forfeit').bonus) - n(by('recharge_refund').bonus),
        adjustedPrincipalFen: n(by('adjust').principal),
        adjustedBonusFen: n(by('adjust').bonus),
      },
    };
  }
}
