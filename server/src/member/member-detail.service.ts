import { Injectable } from '@nestjs/common';
import { orderStatusLabel, type AdminMemberDetail } from '@mall/shared';
import { AccountService } from '../account/account.service';
import { CouponService } from '../coupon/coupon.service';
import { MembershipService } from '../membership/membership.service';
import { OrderQueryService } from '../order/order-query.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { StoreService } from '../store/store.service';
import { BindingService } from '../store/binding.service';
import { MemberCardService } from '../tier/member-card.service';
import { WalletService } from '../wallet/wallet.service';
import { maskOpenid, MemberService, toMemberProfile } from './member.service';

const RECENT_ORDERS = 5;

/**
 * The member at a glance for ops and finance (会员 360): the profile from this module, everything else
 * from the owning domain's service, never its tables.
 */
@Injectable()
export class MemberDetailService {
  constructor(
    private readonly members: MemberService,
    private readonly cards: MemberCardService,
    private readonly membership: MembershipService,
    private readonly wallets: WalletService,
    private readonly points: PointsLedgerService,
    private readonly coupons: CouponService,
    private readonly bindings: BindingService,
    private readonly stores: StoreService,
    private readonly accounts: AccountService,
    private readonly orders: OrderQueryService,
  ) {}

  async detail(memberId: number, now = new Date()): Promise<AdminMemberDetail> {
    const member = await this.members.getById(memberId);
    const [card, svip, wallet, points, coupons, binding, orders] = await Promise.all([
      this.cards.card(memberId, now),
      this.membership.summary(memberId, now),
      this.wallets.summary(memberId, now),
      this.points.balance(memberId),
      this.coupons.counts(memberId, now),
      this.bindings.bindingOf(memberId),
      this.orders.page({ page: 1, pageSize: RECENT_ORDERS, memberId }),
    ]);
    const [store, guide] = binding
      ? await Promise.all([this.stores.getById(binding.storeId), binding.staffAccountId ? this.accounts.getById(binding.staffAccountId) : null])
      : [null, null];
    return {
      profile: {
        ...toMemberProfile(member),
        openidMasked: maskOpenid(member.openid),
        registerScene: member.registerScene,
        lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
      },
      tier: { level: card.tier.level, name: card.tier.name, color: card.tier.color, growth: card.growth, keepUntil: card.keepUntil },
      svip: { status: svip.status, expiresAt: svip.expiresAt, planName: svip.currentPlan?.name ?? null },
      wallet: { principalFen: wallet.principal, bonusFen: wallet.bonus, totalFen: wallet.total },
      points: { balance: points },
      coupons,
      binding:
        binding && store
          ? {
              storeId: binding.storeId,
              storeName: store.name,
              staffAccountId: binding.staffAccountId,
              staffName: guide?.displayName ?? null,
              boundAt: binding.boundAt.toISOString(),
              protectedUntil: binding.protectedUntil.toISOString(),
            }
          : null,
      recentOrders: orders.items.map(({ order, lines }) => ({
        id: order.id,
        orderNo: order.orderNo,
        status: order.status,
        statusText: orderStatusLabel(order.status, order.fulfilment),
        payableFen: order.payableFen,
        createdAt: order.createdAt.toISOString(),
        title: lines.length > 1 ? `${lines[0].productName} 等${lines.length}件` : (lines[0]?.productName ?? ''),
      })),
    };
  }
}
