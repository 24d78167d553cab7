import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BENEFIT_LABELS,
  describeBenefit,
  ErrorCode,
  resolveBenefits,
  validateBenefitSpec,
  type BenefitGrant,
  type BenefitSource,
  type BenefitSpec,
  type EffectiveBenefits,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { BenefitAttachment } from './benefit-attachment.entity';
import { BenefitVersion } from './benefit-version.entity';
import { Benefit } from './benefit.entity';
import { BenefitSourceRegistry, type KnownMemberFacts } from './benefit-source';
import { ConfigCache } from '../common/cache/config-cache';

export interface BenefitItemView {
  benefitId: number;
  type: BenefitSpec['type'];
  label: string;
  text: string;
  sources: BenefitSource[];
}

const BENEFIT_CACHE_KEY = 'benefits:catalogue';

interface CatalogueSnapshot {
  benefits: Benefit[];
  attachments: BenefitAttachment[];
  versionsOf: Map<number, { version: number; effectiveFrom: number; spec: BenefitSpec }[]>;
}

function assertSpec(spec: unknown): asserts spec is BenefitSpec {
  const problems = validateBenefitSpec(spec);
  if (problems.length)
    throw new AppError(ErrorCode.VALIDATION_FAILED, `权益参数不合法：${problems[0]}`, { fields: problems.map((p) => ({ field: 'spec', errors: [p] })) });
}

/**
 * The benefit catalogue and the one question everything asks: what does this member get right
 * now, and why. Parameters are versioned (effective from a time) and attached to sources.
 */
@Injectable()
export class BenefitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: BenefitSourceRegistry,
    private readonly cache: ConfigCache,
  ) {}

  /** The whole catalogue (benefits, attachments, every version) in memory: it is small and read on every priced request. */
  private snapshot(): Promise<CatalogueSnapshot> {
    return this.cache.get(BENEFIT_CACHE_KEY, async () => {
      const [benefits, attachments, versions] = await Promise.all([
        this.dataSource.getRepository(Benefit).find({ order: { id: 'ASC' } }),
        this.dataSource.getRepository(BenefitAttachment).find({ order: { id: 'ASC' } }),
        this.dataSource.getRepository(BenefitVersion).find({ order: { benefitId: 'ASC', version: 'ASC' } }),
      ]);
      const versionsOf = new Map<number, { version: number; effectiveFrom: number; spec: BenefitSpec }[]>();
      for (const v of versions)
        versionsOf.set(v.benefitId, [
          ...(versionsOf.get(v.benefitId) ?? []),
          { version: v.version, effectiveFrom: v.effectiveFrom.getTime(), spec: JSON.parse(v.spec) },
        ]);
      return { benefits, attachments, versionsOf };
    });
  }

  private invalidate(): void {
    this.cache.invalidate(BENEFIT_CACHE_KEY);
  }

  async create(input: { name: string; description?: string; spec: unknown }, actorId: number | null): Promise<Benefit> {
    assertSpec(input.spec);
    const spec = input.spec;
    const created = await this.dataSource.transaction(async (manager) => {
      const benefit = await manager
        .getRepository(Benefit)
        .save(manager.getRepository(Benefit).create({ type: spec.type, name: input.name, description: input.description ?? '', enabled: true }));
      await manager
        .getRepository(BenefitVersion)
        .insert({ benefitId: benefit.id, version: 1, spec: JSON.stringify(spec), effectiveFrom: new Date(), createdBy: actorId });
      return benefit;
    });
    this.invalidate();
    return created;
  }

  /** A new version of the parameters, effective from `effectiveFrom` (default now); earlier versions stay. */
  async revise(benefitId: number, spec: unknown, effectiveFrom: Date, actorId: number | null): Promise<BenefitVersion> {
    assertSpec(spec);
    const benefit = await this.get(benefitId);
    if (spec.type !== benefit.type) throw new AppError(ErrorCode.VALIDATION_FAILED, '权益类型不能修改，请新建权益');
    for (let attempt = 0; ; attempt++) {
      const latest = await this.dataSource.getRepository(BenefitVersion).findOne({ where: { benefitId }, order: { version: 'DESC' } });
      try {
        const version = await this.dataSource
          .getRepository(BenefitVersion)
          .save({ benefitId, version: (latest?.version ?? 0) + 1, spec: JSON.stringify(spec), effectiveFrom, createdBy: actorId });
        this.invalidate();
        return version;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt > 2) throw error;
      }
    }
  }

  async get(id: number): Promise<Benefit> {
    const benefit = await this.dataSource.getRepository(Benefit).findOneBy({ id });
    if (!benefit) throw AppError.notFound('权益');
    return benefit;
  }

  async setEnabled(id: number, enabled: boolean): Promise<void> {
    await this.get(id);
    await this.dataSource.getRepository(Benefit).update({ id }, { enabled });
    this.invalidate();
  }

  async attach(source: { type: BenefitSource['type']; id: number }, benefitId: number): Promise<void> {
    await this.get(benefitId);
    try {
      await this.dataSource.getRepository(BenefitAttachment).insert({ sourceType: source.type, sourceId: source.id, benefitId });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    this.invalidate();
  }

  async detach(source: { type: BenefitSource['type']; id: number }, benefitId: number): Promise<void> {
    await this.dataSource.getRepository(BenefitAttachment).delete({ sourceType: source.type, sourceId: source.id, benefitId });
    this.invalidate();
  }

  async catalogue(at = new Date()) {
    const { benefits, attachments } = await this.snapshot();
    const specs = await this.specsAt(
      benefits.map((b) => b.id),
      at,
    );
    return benefits.map((b) => {
      const spec = specs.get(b.id);
      return {
        id: b.id,
        type: b.type,
        label: BENEFIT_LABELS[b.type],
        name: b.name,
        description: b.description,
        enabled: b.enabled,
        spec: spec?.spec ?? null,
        version: spec?.version ?? null,
        text: spec ? describeBenefit(spec.spec) : '',
        attachedTo: attachments.filter((a) => a.benefitId === b.id).map((a) => ({ type: a.sourceType, id: a.sourceId })),
      };
    });
  }

  /** Every product some enabled members-only benefit names (its version in force at `at`): visible and buyable only to its holders. */
  async exclusiveProductIds(at = new Date()): Promise<Set<number>> {
    const benefits = (await this.snapshot()).benefits.filter((b) => b.type === 'exclusive_products' && b.enabled);
    const specs = await this.specsAt(
      benefits.map((b) => b.id),
      at,
    );
    const ids = new Set<number>();
    for (const { spec } of specs.values()) if (spec.type === 'exclusive_products') for (const id of spec.productIds) ids.add(id);
    return ids;
  }

  /** The grants of these sources at time `at` (each benefit's version in force then). */
  async grantsFor(sources: BenefitSource[], at: Date): Promise<BenefitGrant[]> {
    if (sources.length === 0) return [];
    const snapshot = await this.snapshot();
    const attachments = snapshot.attachments.filter((a) => sources.some((s) => s.type === a.sourceType && s.id === a.sourceId));
    const benefitIds = [...new Set(attachments.map((a) => a.benefitId))];
    if (benefitIds.length === 0) return [];
    const enabled = new Set(snapshot.benefits.filter((b) => b.enabled).map((b) => b.id));
    const specs = await this.specsAt(benefitIds, at);
    return attachments
      .filter((a) => enabled.has(a.benefitId) && specs.has(a.benefitId))
      .map((a) => ({
        benefitId: a.benefitId,
        source: sources.find((s) => s.type === a.sourceType && s.id === a.sourceId)!,
        spec: specs.get(a.benefitId)!.spec,
      }));
  }

  async effectiveFor(
    memberId: number,
    at = new Date(),
    known: KnownMemberFacts = {},
  ): Promise<{ effective: EffectiveBenefits; items: BenefitItemView[]; grants: BenefitGrant[] }> {
    const grants = await this.grantsFor(await this.sources.sourcesFor(memberId, at, known), at);
    return { effective: resolveBenefits(grants), items: this.itemsOf(grants), grants };
  }

  /** One entry per benefit with every source granting it, for the benefits grid and the admin preview. */
  private itemsOf(grants: BenefitGrant[]): BenefitItemView[] {
    const byBenefit = new Map<number, BenefitItemView>();
    for (const g of grants) {
      const item = byBenefit.get(g.benefitId);
      if (item) item.sources.push(g.source);
      else
        byBenefit.set(g.benefitId, {
          benefitId: g.benefitId,
          type: g.spec.type,
          label: BENEFIT_LABELS[g.spec.type],
          text: describeBenefit(g.spec),
          sources: [g.source],
        });
    }
    return [...byBenefit.values()];
  }

  /** Each benefit's version in force at `at` (the highest version already effective). */
  private async specsAt(benefitIds: number[], at: Date): Promise<Map<number, { version: number; spec: BenefitSpec }>> {
    const { versionsOf } = await this.snapshot();
    const out = new Map<number, { version: number; spec: BenefitSpec }>();
    for (const id of benefitIds) {
      for (const v of versionsOf.get(id) ?? []) if (v.effectiveFrom <= at.getTime()) out.set(id, { version: v.version, spec: v.spec });
    }
    return out;
  }
}
