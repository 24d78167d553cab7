import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import {
  ACTIVE_WITHIN_DAYS,
  beijingDate,
  beijingMinute,
  COMMUNITY_GROUP_TYPE_LABELS,
  DAY_MS,
  ErrorCode,
  funnelOf,
  type BenefitSource,
  type FunnelStage,
  type JoinConfirmation,
} from '@mall/shared';
import { BenefitService } from '../benefit/benefit.service';
import { BenefitSourceRegistry } from '../benefit/benefit-source';
import { AppError } from '../common/errors/app-error';
import { CouponService } from '../coupon/coupon.service';
import { insertIgnore } from '../database/insert-ignore';
import { MemberFactService } from '../insight/member-fact.service';
import { NotificationService } from '../notification/notification.service';
import { CommunityGroupService, type EligibilityReason } from './community-group.service';
import { CommunityGroup, CommunityInvitation, CommunityJobRun, GroupCode } from './community.entity';
import { GroupCodeService } from './group-code.service';

const PAGE = 500;
export const INVITATION_PAGE = 'subpackages/community/pages/invitation/index';

/**
 * Invitations and their funnel. Eligibility is evaluated when something about the member changes
 * (an order paid, which also moves the tier; an SVIP purchase; a refund) and nightly for everyone;
 * each stage of an invitation is a timestamp stamped once.
 */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: CommunityGroupService,
    private readonly codes: GroupCodeService,
    private readonly facts: MemberFactService,
    private readonly notifications: NotificationService,
    private readonly benefits: BenefitService,
    private readonly sources: BenefitSourceRegistry,
    private readonly coupons: CouponService,
  ) {}

  // ---- eligibility and invitations ----------------------------------------------------------

  /** After a change to one member: refresh their facts, then invite them to every open group they now qualify for. */
  async evaluateMember(memberId: number, now = new Date()): Promise<number> {
    await this.facts.refresh([memberId]);
    const types = await this.groups.benefitGroupTypes(memberId, now);
    let invited = 0;
    for (const group of await this.groups.open(now)) {
      if (!criteriaOrBenefit(group)) continue;
      const reason = await this.groups.eligibility(group, memberId, now, types);
      if (reason && (await this.invite(group, memberId, reason, now))) invited += 1;
    }
    return invited;
  }

  /** Records the member as eligible (once) and sends the invitation (once); true when this call invited. */
  async invite(group: CommunityGroup, memberId: number, reason: EligibilityReason, now = new Date()): Promise<boolean> {
    await insertIgnore(this.dataSource.manager, CommunityInvitation, { groupId: group.id, memberId, reason, eligibleAt: now });
    const stamped = await this.stamp(group.id, memberId, 'invitedAt', now);
    if (!stamped) return false;
    const invitation = await this.dataSource.getRepository(CommunityInvitation).findOneByOrFail({ groupId: group.id, memberId });
    // A subscribe message only where the member consented (the notification module checks and records it).
    await this.notifications.notify(
      memberId,
      'campaign_notice',
      { thing1: `${COMMUNITY_GROUP_TYPE_LABELS[group.type]}邀请`, thing2: `邀请你加入「${group.name}」`, time3: beijingMinute(now) },
      { dedupeKey: `community:invite:${invitation.id}`, page: INVITATION_PAGE, query: `groupId=${group.id}` },
    );
    return true;
  }

  /** Stamps one funnel column once (`WHERE col IS NULL`); true when this call stamped it. */
  private async stamp(groupId: number, memberId: number, column: 'invitedAt' | 'viewedAt' | 'codeShownAt', now: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(CommunityInvitation)
      .update({ groupId, memberId, [column]: IsNull() }, { [column]: now } as Partial<CommunityInvitation>);
    return Boolean(result.affected);
  }

  /** The nightly run: invites everyone matching each open group's criteria or holding a benefit that invites to its type; flash groups hand over. */
  async runNightly(now = new Date()): Promise<{ invited: number; handedOver: number } | null> {
    const claimed = await insertIgnore(this.dataSource.manager, CommunityJobRun, { job: 'nightly', runKey: beijingDate(now) });
    if (!claimed) return null;
    let invited = 0;
    for (const group of await this.groups.open(now)) {
      let afterId = 0;
      for (;;) {
        const ids = await this.groups.criteriaMembersPage(group, afterId, PAGE, now);
        if (ids.length === 0) break;
        for (const id of ids) if (await this.invite(group, id, 'criteria', now)) invited += 1;
        afterId = ids[ids.length - 1];
      }
      for (const source of await this.sourcesInviting(group, now)) {
        let after = 0;
        for (;;) {
          const ids = await this.sources.membersOf(source, after, PAGE, now);
          if (ids.length === 0) break;
          for (const id of ids) if (await this.invite(group, id, 'benefit', now)) invited += 1;
          after = ids[ids.length - 1];
        }
      }
    }
    const handedOver = await this.handOverEndedFlashGroups(now);
    const warnings = await this.codes.warningsFor(await this.groups.open(now), now);
    await this.dataSource
      .getRepository(CommunityJobRun)
      .update({ job: 'nightly', runKey: beijingDate(now) }, { summary: JSON.stringify({ invited, handedOver, warnings }) });
    return { invited, handedOver };
  }

  /** Tier and SVIP sources whose `groupInvites` benefit names this group's type. */
  private async sourcesInviting(group: CommunityGroup, now: Date): Promise<BenefitSource[]> {
    const all = await this.sources.catalogue();
    const grants = await this.benefits.grantsFor(all, now);
    return grants.filter((g) => g.spec.type === 'group_invite' && g.spec.groupType === group.type).map((g) => g.source);
  }

  /** Ended flash groups (claimed once each): their joined members are invited on to the next group. */
  async handOverEndedFlashGroups(now = new Date()): Promise<number> {
    const ended = await this.dataSource
      .getRepository(CommunityGroup)
      .findBy({ type: 'flash', handedOverAt: IsNull(), endsAt: LessThanOrEqual(now), nextGroupId: Not(IsNull()) });
    let moved = 0;
    for (const flash of ended) {
      const claim = await this.dataSource.getRepository(CommunityGroup).update({ id: flash.id, handedOverAt: IsNull() }, { handedOverAt: now });
      if (!claim.affected) continue;
      const next = await this.groups.get(flash.nextGroupId!);
      const joined = await this.dataSource.getRepository(CommunityInvitation).findBy({ groupId: flash.id, joinedAt: Not(IsNull()) });
      for (const inv of joined) {
        await insertIgnore(this.dataSource.manager, CommunityInvitation, { groupId: next.id, memberId: inv.memberId, reason: 'flash_next', eligibleAt: now });
        if (await this.invite(next, inv.memberId, 'flash_next', now)) moved += 1;
      }
    }
    return moved;
  }

  async dailyLists(limit = 7): Promise<{ day: string; summary: unknown }[]> {
    const rows = await this.dataSource.getRepository(CommunityJobRun).find({ where: { job: 'nightly' }, order: { id: 'DESC' }, take: limit });
    return rows.map((r) => ({ day: r.runKey, summary: r.summary ? JSON.parse(r.summary) : null }));
  }

  // ---- the member's side ----------------------------------------------------------------------

  /** Whether the member joined the group (confirmed by WeCom, the member or staff): group-only perks ask this. */
  async hasJoined(memberId: number, groupId: number): Promise<boolean> {
    return this.dataSource.getRepository(CommunityInvitation).existsBy({ groupId, memberId, joinedAt: Not(IsNull()) });
  }

  /** The group if the member may join it; 403 otherwise, also for a group that does not exist (ids are not confirmed). */
  private async eligibleGroup(memberId: number, groupId: number, now: Date): Promise<{ group: CommunityGroup; reason: EligibilityReason }> {
    const group = await this.dataSource.getRepository(CommunityGroup).findOneBy({ id: groupId });
    const reason = group ? await this.groups.eligibility(group, memberId, now) : null;
    if (!group || !reason) throw AppError.forbidden('你还不符合这个群的入群条件');
    return { group, reason };
  }

  async view(memberId: number, groupId: number, now = new Date()) {
    const { group, reason } = await this.eligibleGroup(memberId, groupId, now);
    await insertIgnore(this.dataSource.manager, CommunityInvitation, { groupId, memberId, reason, eligibleAt: now });
    await this.stamp(groupId, memberId, 'viewedAt', now);
    const invitation = await this.dataSource.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId });
    return { group, invitation };
  }

  /** A valid code for the member (403 when not eligible, 409 when the group is full or the pool empty). */
  async code(memberId: number, groupId: number, now = new Date()): Promise<{ group: CommunityGroup; code: GroupCode; invitation: CommunityInvitation }> {
    const { group, reason } = await this.eligibleGroup(memberId, groupId, now);
    await insertIgnore(this.dataSource.manager, CommunityInvitation, { groupId, memberId, reason, eligibleAt: now });
    const joined = await this.dataSource.getRepository(CommunityInvitation).countBy({ groupId, joinedAt: Not(IsNull()) });
    const invitation = await this.dataSource.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId });
    if (!invitation.joinedAt && joined >= group.capacity) throw new AppError(ErrorCode.CONFLICT, '群已满员');
    const code = await this.codes.claim(groupId, memberId, now);
    await this.stamp(groupId, memberId, 'viewedAt', now);
    await this.stamp(groupId, memberId, 'codeShownAt', now);
    return { group, code, invitation: await this.dataSource.getRepository(CommunityInvitation).findOneByOrFail({ groupId, memberId }) };
  }

  /** Invitations to open groups (the 我的社群 page and the home card). */
  async ofMember(memberId: number, now = new Date()): Promise<{ invitation: CommunityInvitation; group: CommunityGroup }[]> {
    const rows = await this.dataSource.getRepository(CommunityInvitation).find({ where: { memberId }, order: { id: 'DESC' }, take: 50 });
    const groups = await this.groups.byIds(rows.map((r) => r.groupId));
    return rows
      .map((invitation) => ({ invitation, group: groups.get(invitation.groupId)! }))
      .filter(({ group, invitation }) => group && (invitation.joinedAt || (group.enabled && (!group.endsAt || group.endsAt.getTime() > now.getTime()))));
  }

  /** A join confirmed (by WeCom's callback, the member, or staff): stamped once; true when this call confirmed it. */
  async confirmJoin(groupId: number, memberId: number, via: JoinConfirmation, now = new Date()): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(CommunityInvitation)
      .update({ groupId, memberId, joinedAt: IsNull(), codeShownAt: Not(IsNull()) }, { joinedAt: now, joinedVia: via });
    return Boolean(result.affected);
  }

  async invitationOf(groupId: number, memberId: number): Promise<CommunityInvitation | null> {
    return this.dataSource.getRepository(CommunityInvitation).findOneBy({ groupId, memberId });
  }

  /** The group-only coupon, for a member who joined; once per member and group. */
  async claimPerk(memberId: number, groupId: number, now = new Date()) {
    const invitation = await this.invitationOf(groupId, memberId);
    if (!invitation?.joinedAt) throw AppError.forbidden('入群后才能领取群专属福利');
    const group = await this.groups.get(groupId);
    if (!group.perkCouponTemplateId) throw AppError.notFound('群专属福利');
    const coupon = await this.dataSource.transaction((m) =>
      this.coupons.issue(m, memberId, group.perkCouponTemplateId!, `community:${groupId}`, `community-perk:${groupId}:${memberId}`, now),
    );
    return { claimed: coupon !== null };
  }

  /** An order paid within 30 days of joining makes the member active in that group. */
  async markActive(memberId: number, paidAt: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(CommunityInvitation)
      .set({ activeAt: paidAt })
      .where('member_id = :memberId AND joined_at IS NOT NULL AND active_at IS NULL AND joined_at <= :paidAt AND joined_at >= :since', {
        memberId,
        paidAt,
        since: new Date(paidAt.getTime() - ACTIVE_WITHIN_DAYS * DAY_MS),
      })
      .execute();
    return result.affected ?? 0;
  }

  // ---- funnel -----------------------------------------------------------------------------

  async funnel(groupIds: number[]): Promise<{ groupId: number; stages: Record<FunnelStage, number> }[]> {
    if (groupIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(CommunityInvitation).find({
      where: { groupId: In(groupIds) },
      select: { groupId: true, eligibleAt: true, invitedAt: true, viewedAt: true, codeShownAt: true, joinedAt: true, activeAt: true },
    });
    return groupIds.map((groupId) => ({
      groupId,
      stages: funnelOf(
        rows
          .filter((r) => r.groupId === groupId)
          .map((r) => ({
            eligible: r.eligibleAt,
            invited: r.invitedAt,
            viewed: r.viewedAt,
            codeShown: r.codeShownAt,
            joined: r.joinedAt,
            active: r.activeAt,
          })),
      ),
    }));
  }
}

/** Groups whose membership is decided by criteria or a benefit (an open event group invites nobody by itself). */
function criteriaOrBenefit(group: CommunityGroup): boolean {
  return group.criteria !== null || group.type === 'vip' || group.type === 'koc';
}
