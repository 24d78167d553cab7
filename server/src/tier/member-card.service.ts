import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { tierProgress, type BenefitSource, type MemberCard, type TierHistoryItem } from '@mall/shared';
import { BenefitSourceRegistry, type BenefitSourceProvider, type KnownMemberFacts } from '../benefit/benefit-source';
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

  async activeSources(memberId: number, _at: Date, known: KnownMemberFacts = {}): Promise<BenefitSource[]> {
    const tiers = await this.growth.allTiers();
    // No member_tier row: the member is at the lowest tier (as in GrowthService.state and membersOf).
    const level = known.tierLevel ?? (await this.dataSource.getRepository(MemberTier).findOneBy({ memberId }))?.level ?? tiers[0]?.level ?? 0;
    const tier = tiers.find((t) => t.level === level);
    return tier ? [{ type: 'tier', id: tier.id, name: tier.name }] : [];
  }

  async card(memberId: number, now = new Date()): Promise<MemberCard> {
    // Three statements, none of them repeated: the member, the tier row with the growth sum, then the other
    // benefit sources (the tier source is told the level read here).
    const [profile, tiers, standing] = await Promise.all([this.members.getById(memberId), this.growth.allTiers(), this.growth.standing(memberId, now)]);
    const member = toMemberProfile(profile);
    const level = standing.level ?? tiers[0]?.level ?? 0;
    const { growth } = standing;
    const tier = tiers.find((t) => t.level === level);
    const progress = tierProgress(tiers, level, growth);
    const nextTier = progress.next ? tiers.find((t) => t.level === progress.next!.level)! : null;
    const { items } = await this.benefits.effectiveFor(memberId, now, { tierLevel: level });
    return {
      memberId,
      nickname: member.nickname,
      tier: { id: tier?.id ?? null, level, name: tier?.name ?? '会员', color: tier?.color ?? '#8C8C8C' },
      growth,
      next: nextTier ? { level: nextTier.level, name: nextTier.name, growthThreshold: nextTier.growthThreshold, needed: progress.needed } : null,
      progressPercent: progress.percent,
      keepUntil: standing.keepUntil && level > (tiers[0]?.level ?? 0) ? standing.keepUntil.toISOString() : null,
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
