import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { beijingDate, beijingDayStart, parseReferralScene } from '@mall/shared';
import { MemberService } from '../member/member.service';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { ReferralProgrammes } from './referral-programmes';

/**
 * Points given for doing something once: the first paid order, inviting a friend whose first order
 * is paid, completing the profile; and taking the order-based ones back when that order is refunded
 * in full. Rule-based earning (sign-in, tasks, referral) honours the daily and monthly caps.
 */
@Injectable()
export class PointsRewardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly members: MemberService,
    private readonly programmes: ReferralProgrammes,
  ) {}

  /** How much of `points` the caps still allow for this member now (spend earning is not capped). */
  async capped(memberId: number, points: number, now: Date, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const settings = await this.ledger.settings(manager);
    const sumSince = async (since: Date) => {
      const row = await manager
        .getRepository(PointsEntry)
        .createQueryBuilder('e')
        .select('COALESCE(SUM(e.delta_points), 0)', 's')
        .where("e.member_id = :m AND e.kind = 'earn' AND e.ref_type IN ('sign_in', 'task') AND e.created_at >= :since", { m: memberId, since })
        .getRawOne<{ s: string }>();
      return Number(row?.s ?? 0);
    };
    const today = beijingDate(now);
    let allowed = points;
    if (settings.dailyCap > 0) allowed = Math.min(allowed, Math.max(0, settings.dailyCap - (await sumSince(beijingDayStart(today)))));
    if (settings.monthlyCap > 0) allowed = Math.min(allowed, Math.max(0, settings.monthlyCap - (await sumSince(beijingDayStart(`${today.slice(0, 7)}-01`)))));
    return allowed;
  }

  /** The member's first order was paid: the first-order reward, and the inviter's referral reward. */
  async onFirstOrderPaid(manager: EntityManager, memberId: number, orderId: number): Promise<void> {
    const firstOrderPoints = (await this.ledger.settings(manager)).firstOrderPoints;
    if (firstOrderPoints > 0) {
      await this.ledger.earn(manager, {
        memberId,
        refType: 'order',
        refId: String(orderId),
        points: firstOrderPoints,
        source: 'first_order',
        idempotencyKey: `first-order:${memberId}`,
        note: '首单奖励',
      });
    }
    await this.rewardReferral(manager, memberId, orderId);
  }

  /** An order was refunded in full: a first-order reward it earned, and the inviter's referral reward, go back. */
  async onOrderRefundedInFull(manager: EntityManager, memberId: number, orderId: number): Promise<void> {
    const [reward] = await manager.getRepository(PointsEntry).findBy({ idempotencyKey: `first-order:${memberId}`, refId: String(orderId) });
    await this.clawReferral(manager, memberId, orderId);
    if (!reward) return;
    await this.ledger.clawback(manager, {
      memberId,
      refType: 'order',
      refId: String(orderId),
      points: reward.deltaPoints,
      idempotencyKey: `first-order-claw:${orderId}`,
      note: '订单全额退款，扣回首单奖励',
    });
  }

  /** Referral (邀请有礼): the inviter earns once when the member they invited pays a first order; within the caps. */
  async rewardReferral(manager: EntityManager, inviteeId: number, orderId: number): Promise<number> {
    const invitee = await this.members.findById(inviteeId, manager);
    const inviterId = parseReferralScene(invitee?.registerScene ?? null);
    if (!inviterId || inviterId === inviteeId || !(await this.members.exists(inviterId, manager))) return 0;
    // An invitee bound by a programme (KOC) is rewarded on that programme's terms instead.
    if (await this.programmes.owned(manager, inviteeId)) return 0;
    const setting = await this.ledger.settings(manager);
    if (setting.referralPoints <= 0) return 0;
    const points = await this.capped(inviterId, setting.referralPoints, new Date());
    if (points <= 0) return 0;
    const entry = await this.ledger.earn(manager, {
      memberId: inviterId,
      points,
      source: 'referral',
      refType: 'task',
      refId: `referral:${orderId}`,
      idempotencyKey: `referral:${inviteeId}`,
      note: '邀请好友首单奖励',
    });
    return entry ? points : 0;
  }

  /** The invitee's first order was refunded in full: the inviter's reward goes back (a shortfall is recorded). */
  private async clawReferral(manager: EntityManager, inviteeId: number, orderId: number): Promise<void> {
    const reward = await manager.getRepository(PointsEntry).findOneBy({ idempotencyKey: `referral:${inviteeId}`, refId: `referral:${orderId}` });
    if (!reward) return;
    await this.ledger.clawback(manager, {
      memberId: reward.memberId,
      refType: 'task',
      refId: `referral:${orderId}`,
      points: reward.deltaPoints,
      idempotencyKey: `referral-claw:${inviteeId}`,
      note: '好友订单全额退款，扣回邀请奖励',
    });
  }

  /** Points for a completed profile (nickname, phone, birthday), once per member. Returns the points granted. */
  async rewardProfileCompletion(memberId: number): Promise<number> {
    const member = await this.members.findById(memberId);
    if (!member?.nickname || !member.phone || !member.birthday) return 0;
    const points = (await this.ledger.settings()).profilePoints;
    if (points <= 0) return 0;
    const entry = await this.dataSource.transaction((manager) =>
      this.ledger.earn(manager, {
        memberId,
        points,
        source: 'profile',
        refType: 'task',
        refId: 'profile',
        idempotencyKey: `profile:${memberId}`,
        note: '完善资料奖励',
      }),
    );
    return entry ? points : 0;
  }
}
