import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ErrorCode, validateCommunityGroup, type CommunityGroupInput, type SegmentGroup } from '@mall/shared';
import { BenefitService } from '../benefit/benefit.service';
import { AppError } from '../common/errors/app-error';
import { SegmentService } from '../insight/segment.service';
import { CommunityGroup, CommunityInvitation, criteriaOf } from './community.entity';

export type EligibilityReason = CommunityInvitation['reason'];

/** Community groups: their definitions, and who may join each (criteria, a groupInvites benefit, or a flash hand-over). */
@Injectable()
export class CommunityGroupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly segments: SegmentService,
    private readonly benefits: BenefitService,
  ) {}

  private assertValid(input: CommunityGroupInput, now: Date, selfId: number | null): void {
    const errors = validateCommunityGroup(input, now, selfId);
    if (errors.length > 0)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `社群设置有误：${errors[0].message}`, {
        fields: errors.map((e) => ({ field: e.path, errors: [e.message] })),
      });
  }

  private async assertNext(input: CommunityGroupInput): Promise<void> {
    if (input.nextGroupId === null) return;
    const next = await this.dataSource.getRepository(CommunityGroup).findOneBy({ id: input.nextGroupId });
    if (!next || next.type === 'flash')
      throw new AppError(ErrorCode.VALIDATION_FAILED, '结束后转入的群必须是一个已有的非快闪群', {
        fields: [{ field: 'nextGroupId', errors: ['unknown group'] }],
      });
  }

  private columns(input: CommunityGroupInput) {
    return {
      type: input.type,
      name: input.name.trim(),
      description: input.description,
      coverUploadId: input.coverUploadId,
      criteria: input.criteria ? JSON.stringify(input.criteria) : null,
      capacity: input.capacity,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      nextGroupId: input.nextGroupId,
      perkCouponTemplateId: input.perkCouponTemplateId,
      welcomeText: input.welcomeText,
    };
  }

  async create(input: CommunityGroupInput, accountId: number, now = new Date()): Promise<CommunityGroup> {
    this.assertValid(input, now, null);
    await this.assertNext(input);
    const repo = this.dataSource.getRepository(CommunityGroup);
    return repo.save(repo.create({ ...this.columns(input), createdByAccountId: accountId }));
  }

  async update(id: number, input: CommunityGroupInput, now = new Date()): Promise<CommunityGroup> {
    await this.get(id);
    this.assertValid(input, now, id);
    await this.assertNext(input);
    await this.dataSource.getRepository(CommunityGroup).update({ id }, this.columns(input));
    return this.get(id);
  }

  async setEnabled(id: number, enabled: boolean): Promise<CommunityGroup> {
    await this.get(id);
    await this.dataSource.getRepository(CommunityGroup).update({ id }, { enabled });
    return this.get(id);
  }

  async get(id: number): Promise<CommunityGroup> {
    const group = await this.dataSource.getRepository(CommunityGroup).findOneBy({ id });
    if (!group) throw AppError.notFound('社群');
    return group;
  }

  list(): Promise<CommunityGroup[]> {
    return this.dataSource.getRepository(CommunityGroup).find({ order: { id: 'DESC' }, take: 200 });
  }

  async byIds(ids: number[]): Promise<Map<number, CommunityGroup>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.dataSource.getRepository(CommunityGroup).findBy({ id: In([...new Set(ids)]) })).map((g) => [g.id, g]));
  }

  /** Groups that take members now: enabled and not ended. */
  async open(now = new Date()): Promise<CommunityGroup[]> {
    const groups = await this.dataSource.getRepository(CommunityGroup).findBy({ enabled: true });
    return groups.filter((g) => !g.endsAt || g.endsAt.getTime() > now.getTime());
  }

  /** Live count of members the criteria select (the same SQL compiler as segments). */
  async eligibleCount(criteria: SegmentGroup | null, now = new Date()): Promise<number> {
    if (criteria) return this.segments.count(this.segments.assertValid(criteria), now);
    return this.segments.count({ kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'orderCount', op: 'gte', value: 0 }] }, now);
  }

  /** The members matching a group's criteria, ascending after `afterId` (the nightly run walks them). */
  async criteriaMembersPage(group: CommunityGroup, afterId: number, limit: number, now = new Date()): Promise<number[]> {
    const criteria = criteriaOf(group);
    if (!criteria) return [];
    return this.segments.memberIdsPage(criteria, afterId, limit, now);
  }

  /** Group types the member's tier / SVIP benefits invite them to (the `groupInvites` benefit). */
  async benefitGroupTypes(memberId: number, now = new Date()): Promise<Set<string>> {
    const { effective } = await this.benefits.effectiveFor(memberId, now);
    return new Set(effective.groupInvites?.value ?? []);
  }

  /**
   * Why `memberId` may join `group` now, or null. A flash group's hand-over counts as an invitation
   * already recorded (reason flash_next).
   */
  async eligibility(group: CommunityGroup, memberId: number, now = new Date(), benefitTypes?: Set<string>): Promise<EligibilityReason | null> {
    if (!group.enabled || (group.endsAt && group.endsAt.getTime() <= now.getTime())) return null;
    const criteria = criteriaOf(group);
    if (!criteria) return 'open';
    const matches = await this.segments.query(criteria, now).andWhere('f.member_id = :memberId', { memberId }).getCount();
    if (matches > 0) return 'criteria';
    const types = benefitTypes ?? (await this.benefitGroupTypes(memberId, now));
    if (types.has(group.type)) return 'benefit';
    const handedOver = await this.dataSource.getRepository(CommunityInvitation).existsBy({ groupId: group.id, memberId, reason: 'flash_next' });
    return handedOver ? 'flash_next' : null;
  }
}
