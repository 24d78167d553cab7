import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  beijingMonth,
  beijingMonthRange,
  ErrorCode,
  orderStatusLabel,
  parseWriteOffCode,
  posterScene,
  STORE_ROLES,
  type GuidePhoneView,
  type MyGuideView,
  type ScanBindResult,
  type StaffMemberSummary,
  type StaffPerformance,
  type StaffPerformanceRow,
  type WriteOffResult,
} from '@mall/shared';
import type { Account } from '../account/account.entity';
import { AccountService } from '../account/account.service';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { CouponService } from '../coupon/coupon.service';
import { MemberQrService } from '../member/member-qr.service';
import { maskPhone, memberDisplayName, MemberService } from '../member/member.service';
import { MembershipService } from '../membership/membership.service';
import { OrderFulfilmentService } from '../order/order-fulfilment.service';
import { OrderQueryService } from '../order/order-query.service';
import { PointsMallService } from '../points/points-mall.service';
import { PointsReportService } from '../points/points-report.service';
import { WriteOffService } from '../store/write-off.service';
import { MemberBinding, WriteOff } from '../store/binding.entity';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';
import { MemberCardService } from '../tier/member-card.service';
import { WalletService } from '../wallet/wallet.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { AuditService } from '../audit/audit.service';

/** The staff member as the database says now (a token's role or store may be stale after a change). */
export interface StaffActor {
  id: number;
  role: 'staff' | 'store_manager';
  storeId: number;
  displayName: string;
}

const BIND_MESSAGES: Record<ScanBindResult['outcome'], string> = {
  bound: '绑定成功，已成为您的会员',
  rebound: '绑定成功（原绑定已过保护期）',
  already_yours: '该会员已绑定在您名下',
  protected: '该会员已被其他导购绑定，仍在保护期内',
};

/** Current month in Beijing time, [first day 00:00, next month's first day). */
export const currentMonth = (now = new Date()): { from: Date; to: Date } => beijingMonthRange(now);

/** What store staff do in staff mode: bind by scan, see their members, write off, performance, posters. */
@Injectable()
export class StaffDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly stores: StoreService,
    private readonly bindings: BindingService,
    private readonly qr: MemberQrService,
    private readonly members: MemberService,
    private readonly cards: MemberCardService,
    private readonly membership: MembershipService,
    private readonly orders: OrderQueryService,
    private readonly fulfilment: OrderFulfilmentService,
    private readonly pointsMall: PointsMallService,
    private readonly pointsReports: PointsReportService,
    private readonly writeOffRecords: WriteOffService,
    private readonly coupons: CouponService,
    private readonly wallets: WalletService,
    private readonly wechat: WechatApiClient,
    private readonly audit: AuditService,
  ) {}

  async actor(principal: AccountPrincipal): Promise<StaffActor> {
    const account = await this.accounts.getActive(principal.id);
    if (!STORE_ROLES.includes(account.role) || account.storeId === null) throw new AppError(ErrorCode.FORBIDDEN, '仅门店员工可使用导购功能');
    return { id: account.id, role: account.role as StaffActor['role'], storeId: account.storeId, displayName: account.displayName };
  }

  /** Staff scan a member's dynamic code: the token is used up, then the member is bound (or kept) per policy. */
  async scanBind(principal: AccountPrincipal, qrToken: string): Promise<ScanBindResult> {
    const actor = await this.actor(principal);
    const memberId = await this.qr.consume(qrToken, actor.id);
    await this.members.getById(memberId);
    const { outcome } = await this.bindings.bind(memberId, actor.storeId, actor.id, 'scan');
    return { outcome, message: BIND_MESSAGES[outcome], member: await this.summaryOf(memberId) };
  }

  /** A member of the staff member's own store (403 for anyone else's). */
  async member(principal: AccountPrincipal, memberId: number): Promise<StaffMemberSummary> {
    const actor = await this.actor(principal);
    const binding = await this.bindings.bindingOf(memberId);
    if (!binding) throw AppError.notFound('会员');
    this.bindings.assertSameStore(actor.storeId, binding.storeId);
    if (actor.role === 'staff' && binding.staffAccountId !== actor.id) throw new AppError(ErrorCode.FORBIDDEN, '该会员不在您名下');
    return this.summaryOf(memberId);
  }

  /** Staff see their own members; a manager sees the whole store (optionally one guide's). */
  /** A page of the caller's members (a manager: the store's, optionally one guide's); the cursor is how many came before. */
  async myMembers(principal: AccountPrincipal, staffId?: number, cursor?: string, limit = 20) {
    const actor = await this.actor(principal);
    const filter = actor.role === 'staff' ? actor.id : staffId;
    if (filter !== undefined && actor.role === 'store_manager') await this.staffOfStore(actor.storeId, filter);
    const skip = cursor ? Number(cursor) : 0;
    const { rows, total } = await this.bindings.membersOf(actor.storeId, filter, skip, limit);
    return { items: await this.describeBindings(rows), nextCursor: skip + rows.length < total ? String(skip + rows.length) : null, total };
  }

  /** 离职继承 / 在职转移: a manager moves members between guides of their own store. */
  async transfer(principal: AccountPrincipal, input: { fromStaffId: number; toStaffId: number; memberId?: number }): Promise<{ moved: number }> {
    const actor = await this.actor(principal);
    if (actor.role !== 'store_manager') throw new AppError(ErrorCode.FORBIDDEN, '只有店长可以转移会员');
    return this.transferInStore(actor.storeId, actor.id, input);
  }

  async transferInStore(
    storeId: number,
    byAccountId: number,
    input: { fromStaffId: number; toStaffId: number; memberId?: number },
  ): Promise<{ moved: number }> {
    if (input.fromStaffId === input.toStaffId) throw new AppError(ErrorCode.VALIDATION_FAILED, '转出和转入导购不能相同');
    await this.staffOfStore(storeId, input.fromStaffId, true);
    const to = await this.staffOfStore(storeId, input.toStaffId);
    if (!to.active) throw new AppError(ErrorCode.VALIDATION_FAILED, '不能转给已停用的员工');
    return { moved: await this.bindings.transfer(storeId, input.fromStaffId, input.toStaffId, byAccountId, input.memberId) };
  }

  async performance(principal: AccountPrincipal, from: Date, to: Date): Promise<StaffPerformance> {
    const actor = await this.actor(principal);
    const report = await this.storePerformance(actor.storeId, from, to);
    if (actor.role === 'staff') report.rows = report.rows.filter((r) => r.staffAccountId === actor.id);
    return report;
  }

  async storePerformance(storeId: number, from: Date, to: Date): Promise<StaffPerformance> {
    const store = await this.stores.getById(storeId);
    const [raw, staff] = await Promise.all([this.bindings.performance(storeId, from, to), this.accounts.staffOf(storeId)]);
    const byId = new Map(raw.map((r) => [r.staffAccountId, r]));
    const zero = { newBindings: 0, boundMembers: 0, gmvFen: 0, rechargeFen: 0, svipFen: 0 };
    const rows: StaffPerformanceRow[] = staff.map((s) => ({
      staffAccountId: s.id,
      staffName: s.displayName + (s.active ? '' : '（已停用）'),
      ...zero,
      ...strip(byId.get(s.id)),
    }));
    // Poster sign-ups without a guide count for the store itself.
    const storeOnly = raw.find((r) => !r.staffAccountId);
    if (storeOnly) rows.push({ staffAccountId: null, staffName: '门店（无导购）', ...zero, ...strip(storeOnly) });
    rows.sort((a, b) => b.gmvFen - a.gmvFen || b.newBindings - a.newBindings);
    const totals = rows.reduce(
      (t, r) => ({
        newBindings: t.newBindings + r.newBindings,
        boundMembers: t.boundMembers + r.boundMembers,
        gmvFen: t.gmvFen + r.gmvFen,
        rechargeFen: t.rechargeFen + r.rechargeFen,
        svipFen: t.svipFen + r.svipFen,
      }),
      zero,
    );
    return { from: from.toISOString(), to: to.toISOString(), store: { id: store.id, name: store.name }, rows, totals };
  }

  /** 核销: one code, one redemption, recorded with staff and store; the whole thing is one transaction. */
  async writeOff(principal: AccountPrincipal, code: string): Promise<WriteOffResult> {
    const actor = await this.actor(principal);
    const target = parseWriteOffCode(code);
    if (!target)
      throw new AppError(ErrorCode.VALIDATION_FAILED, '无法识别的核销码', { fields: [{ field: 'code', errors: ['not a pickup, gift or coupon code'] }] });
    try {
      const record = await this.dataSource.transaction(async (manager) => {
        let row: Pick<WriteOff, 'kind' | 'refId' | 'memberId' | 'title'>;
        if (target.kind === 'coupon') {
          const { memberId, couponId } = await this.qr.consumeCouponCode(manager, target.token, actor.id);
          row = { kind: 'coupon', refId: String(couponId), memberId, title: await this.coupons.useInStore(manager, memberId, couponId) };
        } else if (target.kind === 'order_pickup') {
          const order = await this.fulfilment.handOverPickup(manager, target.code, actor.storeId);
          row = { kind: 'order_pickup', refId: String(order.id), memberId: order.memberId, title: `自提订单 ${order.orderNo}` };
        } else {
          const redemption = await this.pointsMall.handOverGift(manager, target.code);
          row = { kind: 'points_gift', refId: String(redemption.id), memberId: redemption.memberId, title: `积分礼品 ${redemption.itemName}` };
        }
        return this.writeOffRecords.record(manager, { ...row, storeId: actor.storeId, staffAccountId: actor.id });
      });
      return (await this.describeWriteOffs([record]))[0];
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(ErrorCode.WRITE_OFF_DONE);
      throw error;
    }
  }

  async writeOffs(principal: AccountPrincipal): Promise<{ items: WriteOffResult[] }> {
    const actor = await this.actor(principal);
    const rows = await this.writeOffRecords.list({ storeId: actor.storeId, ...(actor.role === 'staff' ? { staffAccountId: actor.id } : {}), limit: 100 });
    return { items: await this.describeWriteOffs(rows) };
  }

  async storeWriteOffs(storeId?: number): Promise<{ items: (WriteOffResult & { storeId: number; staffAccountId: number })[] }> {
    const rows = await this.writeOffRecords.list({ storeId, limit: 200 });
    const described = await this.describeWriteOffs(rows);
    return { items: described.map((d, i) => ({ ...d, storeId: rows[i].storeId, staffAccountId: rows[i].staffAccountId })) };
  }

  /** The staff member's poster: a mini-program code whose scene binds new members to them. */
  async poster(principal: AccountPrincipal): Promise<Buffer> {
    const actor = await this.actor(principal);
    return this.wechat.getUnlimitedQrCode({ scene: posterScene(actor.storeId, actor.id), page: 'pages/index/index', width: 430, checkPath: false });
  }

  storePoster(storeId: number): Promise<Buffer> {
    return this.wechat.getUnlimitedQrCode({ scene: posterScene(storeId), page: 'pages/index/index', width: 430, checkPath: false });
  }

  /** A member's single-use, 60-second code for using one coupon at the till. */
  async couponStoreCode(memberId: number, couponId: number) {
    await this.coupons.usableInStore(memberId, couponId);
    return this.qr.issue(memberId, Date.now(), couponId);
  }

  /** The member's own view of who looks after them. */
  async myGuide(memberId: number): Promise<MyGuideView> {
    const binding = await this.bindings.bindingOf(memberId);
    if (!binding) return { store: null, guide: null };
    const store = await this.stores.getById(binding.storeId);
    const guide = binding.staffAccountId ? await this.accounts.findStoreStaff(binding.staffAccountId) : null;
    return {
      store: { id: store.id, name: store.name, address: store.address, openingHours: store.openingHours, latitude: store.latitude, longitude: store.longitude },
      guide: guide ? { id: guide.id, name: guide.displayName, avatarUrl: guide.avatarUrl, hasPhone: Boolean(guide.workPhone) } : null,
    };
  }

  /** The member asked to call their guide: the guide's work phone (404 when there is none to give). */
  async guidePhone(memberId: number): Promise<GuidePhoneView> {
    const binding = await this.bindings.bindingOf(memberId);
    const guide = binding?.staffAccountId ? await this.accounts.findStoreStaff(binding.staffAccountId) : null;
    if (!guide?.workPhone) throw AppError.notFound('导购电话');
    return { phone: guide.workPhone };
  }

  /** Staff of the member's store correct their birthday (members set it once); audited with the reason. */
  async changeBirthday(principal: AccountPrincipal, memberId: number, birthday: string, reason: string): Promise<StaffMemberSummary> {
    await this.member(principal, memberId);
    const { before } = await this.members.changeBirthday(memberId, birthday);
    await this.audit.record(principal, 'member.birthday.change', { type: 'member', id: memberId }, { before, after: birthday, reason });
    return this.summaryOf(memberId);
  }

  async summaryOf(memberId: number, now = new Date()): Promise<StaffMemberSummary> {
    const member = await this.members.getById(memberId);
    const [card, svip, points, wallet, orders, binding] = await Promise.all([
      this.cards.card(memberId, now),
      this.membership.summary(memberId, now),
      this.pointsReports.summary(memberId, now),
      this.wallets.summary(memberId, now),
      this.orders.list(memberId),
      this.bindings.bindingOf(memberId),
    ]);
    const paid = orders.filter((o) => o.order.paidAt !== null);
    const tags: string[] = [];
    if (svip.status === 'active' || svip.status === 'grace') tags.push('SVIP');
    if (wallet.total > 0) tags.push('储值会员');
    if (paid.length === 0) tags.push('未下单');
    else if (paid.length >= 3) tags.push('复购客');
    if (now.getTime() - member.createdAt.getTime() < 7 * 86_400_000) tags.push('新会员');
    if (member.birthday && member.birthday.slice(5, 7) === beijingMonth(now).slice(5, 7)) tags.push('本月生日');
    return {
      memberId,
      nickname: memberDisplayName(member.id, member.nickname),
      phoneMasked: maskPhone(member.phone),
      tier: { level: card.tier.level, name: card.tier.name, color: card.tier.color },
      svip: { status: svip.status, expiresAt: svip.expiresAt },
      tags,
      points: points.balance,
      balanceFen: wallet.total,
      binding: binding ? (await this.describeBindings([binding]))[0].binding : null,
      recentOrders: orders.slice(0, 5).map(({ order, lines }) => ({
        orderNo: order.orderNo,
        status: order.status,
        statusText: orderStatusLabel(order.status, order.fulfilment),
        payFen: order.balanceFen + order.cashFen,
        paidAt: order.paidAt?.toISOString() ?? null,
        title: lines.length > 1 ? `${lines[0].productName} 等${lines.length}件` : (lines[0]?.productName ?? ''),
      })),
    };
  }

  private async staffOfStore(storeId: number, accountId: number, includeInactive = false): Promise<Account> {
    const account = (await this.accounts.staffOf(storeId)).find((a) => a.id === accountId);
    if (!account || (!includeInactive && !account.active)) throw new AppError(ErrorCode.FORBIDDEN, '只能操作本门店的员工');
    return account;
  }

  private async describeBindings(rows: MemberBinding[]) {
    if (rows.length === 0) return [];
    const [members, stores, accounts] = await Promise.all([this.members.byIds(rows.map((r) => r.memberId)), this.stores.list(), this.accounts.list()]);
    return rows.map((r) => {
      const m = members.get(r.memberId);
      return {
        memberId: r.memberId,
        nickname: memberDisplayName(r.memberId, m?.nickname),
        phoneMasked: maskPhone(m?.phone ?? null),
        binding: {
          storeId: r.storeId,
          storeName: stores.find((s) => s.id === r.storeId)?.name ?? '',
          staffAccountId: r.staffAccountId,
          staffName: accounts.find((a) => a.id === r.staffAccountId)?.displayName ?? null,
          boundAt: r.boundAt.toISOString(),
          protectedUntil: r.protectedUntil.toISOString(),
          via: r.via,
        },
      };
    });
  }

  private async describeWriteOffs(rows: WriteOff[]): Promise<WriteOffResult[]> {
    const members = await this.members.byIds(rows.map((r) => r.memberId));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      memberId: r.memberId,
      nickname: memberDisplayName(r.memberId, members.get(r.memberId)?.nickname),
      createdAt: r.createdAt.toISOString(),
    }));
  }
}

function strip(row: { newBindings: number; boundMembers: number; gmvFen: number; rechargeFen: number; svipFen: number } | undefined) {
  if (!row) return {};
  const { newBindings, boundMembers, gmvFen, rechargeFen, svipFen } = row;
  return { newBindings, boundMembers, gmvFen, rechargeFen, svipFen };
}
