import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { tierProgress, type BenefitSource, type MemberCard, type TierHistoryItem } from '@mall/shared';
import { BenefitSourceRegistry, type BenefitSourceProvider } from '../benefit/benefit-source';
import { BenefitService } from '../benefit/benefit.service';
import { MemberService, toMemberProfile } from '../member/member.service';
import { GrowthService } from './growth.service';
import { MemberTier } from './member-tier.entity';

/** The member card (tier, growth, progress, benefits with sources); the tier is a benefit source. */
@Injectable()
export class MemberCardService implements BenefitSourceProvider, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly growth: GrowthService,
    private readonly benefits: BenefitService,
    private readonly members: MemberService,
    private readonly sources: BenefitSourceRegistry,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async catalogue(): Promise<BenefitSource[]> {
    return (await this.growth.allTiers()).map((t) => ({ type: 'tier', id: t.id, name: t.name }));
  }

  /** Members at the tier `source`: a member_tier row at its level, plus everyone without one for the lowest tier. */
  async membersOf(source: BenefitSource, afterId: number, limit: number): Promise<number[]> {
    const tiers = await this.growth.allTiers();
    const tier = tiers.find((t) => t.id === source.id);
    if (!tier) return [];
    const lowest = tiers[0].level === tier.level;
    for (let cursor = afterId; ;) {
      const page = await this.members.idsAfter(cursor, limit);
      if (page.length === 0) return [];
      const levels = new Map((await this.dataSource.getRepository(MemberTier).findBy({ memberId: In(page) })).map((t) => [t.memberId, t.level]));
      const ids = page.filter((id) => (levels.has(id) ? levels.get(id) === tier.level : lowest));
      if (ids.length > 0) return ids;
      cursor = page[page.length - 1];
    }
  }

  async activeSources(memberId: number): Promise<BenefitSource[]> {
    const level = (await this.dataSource.getRepository(MemberTier).findOneBy({ memberId }))?.level ?? 0;
    const tier = (await this.growth.allTiers()).find((t) => t.level === level);
    return tier ? [{ type: 'tier', id: tier.id, name: tier.name }] : [];
  }

  async card(memberId: number, now = new Date()): Promise<MemberCard> {
    const member = toMemberProfile(await this.members.getById(memberId));
    const tiers = await this.growth.allTiers();
    const row = await this.dataSource.getRepository(MemberTier).findOneBy({ memberId });
    const level = row?.level ?? tiers[0]?.level ?? 0;
    const setting = await this.growth.settings();
    const growth = await this.growth.trailingGrowth(this.dataSource.manager, memberId, now, setting.trailingMonths);
    const tier = tiers.find((t) => t.level === level);
    const progress = tierProgress(tiers, level, growth);
    const nextTier = progress.next ? tiers.find((t) => t.level === progress.next!.level)! : null;
    const { items } = await this.benefits.effectiveFor(memberId, now);
    return {
      memberId,
      nickname: member.nickname,
      tier: { id: tier?.id ?? null, level, name: tier?.name ?? '会员', color: tier?.color ?? '#8C8C8C' },
      growth,
      next: nextTier ? { level: nextTier.level, name: nextTier.name, growthThreshold: nextTier.growthThreshold, needed: progress.needed } : null,
      progressPercent: progress.percent,
      keepUntil: row && row.level > (tiers[0]?.level ?? 0) ? row.keepUntil.toISOString() : null,
      benefits: items,
    };
  }

  async history(memberId: number): Promise<TierHistoryItem[]> {
    const [rows, tiers] = await Promise.all([this.growth.history(memberId), this.growth.allTiers()]);
    const name = (level: number) => tiers.find((t) => t.level === level)?.name ?? `L${level}`;
    return rows.map((h) => ({
      fromLevel: h.fromLevel,
      toLevel: h.toLevel,
      fromName: name(h.fromLevel),
      toName: name(h.toLevel),
      kind: h.kind,
      at: h.createdAt.toISOString(),
    }));
  }
}
