import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ErrorCode, type KocProgrammeInput, type SegmentGroup } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { SegmentService } from '../insight/segment.service';
import { MemberService } from '../member/member.service';
import { KocMember, KocProgramme } from './koc.entity';

export const criteriaOf = (p: KocProgramme): SegmentGroup | null => (p.criteria ? (JSON.parse(p.criteria) as SegmentGroup) : null);

/** Programmes and who their KOCs are: designated by hand, or selected by the programme's criteria (the segment SQL). */
@Injectable()
export class KocProgrammeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly segments: SegmentService,
    private readonly members: MemberService,
  ) {}

  list(): Promise<KocProgramme[]> {
    return this.dataSource.getRepository(KocProgramme).find({ order: { id: 'DESC' } });
  }

  async get(id: number): Promise<KocProgramme> {
    const p = await this.dataSource.getRepository(KocProgramme).findOneBy({ id });
    if (!p) throw AppError.notFound('推荐官计划');
    return p;
  }

  async save(input: KocProgrammeInput, id?: number): Promise<KocProgramme> {
    const criteria = input.criteria ? this.segments.assertValid(input.criteria) : null;
    if (input.rewardKind === 'points' && input.rewardPoints <= 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '积分奖励需大于 0');
    if (input.rewardKind === 'coupon' && !input.rewardCouponTemplateId) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择奖励优惠券');
    if (input.rewardKind === 'commission' && input.commissionBps <= 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '分佣比例需大于 0');
    const values = {
      name: input.name,
      enabled: input.enabled,
      criteria: criteria ? JSON.stringify(criteria) : null,
      rewardKind: input.rewardKind,
      rewardPoints: input.rewardPoints,
      rewardCouponTemplateId: input.rewardCouponTemplateId,
      commissionBps: input.commissionBps,
      commissionDays: input.commissionDays,
      refundWindowDays: input.refundWindowDays,
      welcomeCouponTemplateId: input.welcomeCouponTemplateId,
    };
    const repo = this.dataSource.getRepository(KocProgramme);
    if (id) {
      await this.get(id);
      await repo.update({ id }, values);
      return this.get(id);
    }
    return repo.save(repo.create(values));
  }

  /** Makes members KOCs of a programme by hand; a member already a KOC (of any programme) moves to this one. */
  async designate(programmeId: number, memberIds: number[]): Promise<number> {
    await this.get(programmeId);
    const found = await this.members.byIds(memberIds);
    const missing = memberIds.filter((id) => !found.has(id));
    if (missing.length) throw AppError.notFound(`会员 ${missing.join(', ')}`);
    let added = 0;
    await this.dataSource.transaction(async (manager) => {
      for (const memberId of new Set(memberIds)) {
        if (await insertIgnore(manager, KocMember, { memberId, programmeId, source: 'manual', enabled: true })) added += 1;
        else await manager.getRepository(KocMember).update({ memberId }, { programmeId, source: 'manual', enabled: true });
      }
    });
    return added;
  }

  async setEnabled(memberId: number, enabled: boolean): Promise<void> {
    const result = await this.dataSource.getRepository(KocMember).update({ memberId }, { enabled });
    if (!result.affected) throw AppError.notFound('推荐官');
  }

  /** Adds the members each enabled programme's criteria select (never removes: a KOC keeps their invitees). Safe to run twice at once. */
  async applyCriteria(now = new Date()): Promise<{ added: number }> {
    let added = 0;
    for (const p of await this.dataSource.getRepository(KocProgramme).findBy({ enabled: true })) {
      const criteria = criteriaOf(p);
      if (!criteria) continue;
      const ids = await this.segments.memberIds(criteria, now);
      for (const memberId of ids) {
        if (await insertIgnore(this.dataSource.manager, KocMember, { memberId, programmeId: p.id, source: 'criteria', enabled: true })) added += 1;
      }
    }
    return { added };
  }

  /** The enabled KOC and their enabled programme, or null. */
  async activeKoc(memberId: number, manager = this.dataSource.manager): Promise<{ koc: KocMember; programme: KocProgramme } | null> {
    const koc = await manager.getRepository(KocMember).findOneBy({ memberId, enabled: true });
    if (!koc) return null;
    const programme = await manager.getRepository(KocProgramme).findOneBy({ id: koc.programmeId, enabled: true });
    return programme ? { koc, programme } : null;
  }

  async kocCounts(programmeIds: number[]): Promise<Map<number, number>> {
    if (!programmeIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(KocMember)
      .createQueryBuilder('k')
      .select('k.programme_id', 'p')
      .addSelect('COUNT(*)', 'n')
      .where({ programmeId: In(programmeIds) })
      .groupBy('k.programme_id')
      .getRawMany<{ p: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.p), Number(r.n)]));
  }
}
