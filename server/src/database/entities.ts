import { Account } from '../account/account.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';
import { JobLease } from '../common/jobs/job-lease.entity';
import { Payment } from '../payment/payment.entity';
import { PaymentNotifyLog } from '../payment/payment-notify-log.entity';
import { Refund } from '../payment/refund.entity';
import { Category } from '../catalog/category.entity';
import { Product } from '../catalog/product.entity';
import { Sku } from '../catalog/sku.entity';
import { StockMovement } from '../catalog/stock-movement.entity';
import { CouponTemplate } from '../coupon/coupon-template.entity';
import { Coupon, CouponClaimCounter } from '../coupon/coupon.entity';
import { AfterSale, Address, OrderLine, Shipment, ShopOrder } from '../order/order.entity';
import { MembershipAccount, MembershipEvent, MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from '../membership/membership.entity';
import { Member } from '../member/member.entity';
import { QrNonce } from '../member/qr-nonce.entity';
import { BenefitAttachment } from '../benefit/benefit-attachment.entity';
import { BenefitVersion } from '../benefit/benefit-version.entity';
import { Benefit } from '../benefit/benefit.entity';
import { GrowthEntry } from '../tier/growth-entry.entity';
import { MemberTier } from '../tier/member-tier.entity';
import { TierHistory } from '../tier/tier-history.entity';
import { TierSetting } from '../tier/tier-setting.entity';
import { BenefitGrantRecord } from '../tier/benefit-grant.entity';
import { Store } from '../store/store.entity';
import { Attribution, BindingHistory, BindingSetting, MemberBinding, WriteOff } from '../store/binding.entity';
import { StaffInvite } from '../staff/staff-invite.entity';
import { Upload } from '../upload/upload.entity';
import { OutboxEvent } from '../common/outbox/outbox-event.entity';
import { AnalyticsCohortDay, AnalyticsDay, AnalyticsFunnelDay, AnalyticsLedgerDay, AnalyticsSalesDay, AnalyticsSnapshot } from '../analytics/analytics.entity';
import { NotificationConsent, NotificationSceneConfig, NotificationSend } from '../notification/notification.entity';
import { Tier } from '../tier/tier.entity';
import { PointsAccount } from '../points/points-account.entity';
import { PointsEntry } from '../points/points-entry.entity';
import { PointsLot } from '../points/points-lot.entity';
import { PointsMallItem, PointsRedemption, PointsReminder } from '../points/points-mall.entity';
import { PointsSetting } from '../points/points-setting.entity';
import { PointsSignIn } from '../points/points-sign-in.entity';
import { RechargePlan } from '../wallet/recharge-plan.entity';
import { Recharge, RechargePlanUsage } from '../wallet/recharge.entity';
import { WalletEntry } from '../wallet/wallet-entry.entity';
import { WalletSetting } from '../wallet/wallet-setting.entity';
import { Wallet } from '../wallet/wallet.entity';
import { Withdrawal } from '../wallet/withdrawal.entity';
import { Favourite, MemberEvent, MemberFact, MemberTag, Segment, Tag, TagGroup } from '../insight/insight.entity';
import { FlashSaleEvent, FlashSalePurchase, FlashSaleReminder, FlashSaleReservation } from '../flash-sale/flash-sale.entity';
import { KocMember, KocProgramme, KocReferral, KocReward, KocRewardRefund } from '../koc/koc.entity';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from '../group-buy/group-buy.entity';
import { Campaign, CampaignBenefitGrant, CampaignDelivery, MemberBanner, StaffTask } from '../campaign/campaign.entity';
import {
  CommunityGroup,
  CommunityInvitation,
  CommunityJobRun,
  GroupCode,
  GroupCodeClaim,
  GuideContactWay,
  WecomCallback,
  WecomGroupChat,
} from '../community/community.entity';

/** Every entity, registered once for both the MySQL and the embedded data source. */
export const ENTITIES = [
  Member,
  Account,
  Store,
  Tier,
  Product,
  AuditLog,
  Payment,
  Refund,
  PaymentNotifyLog,
  IdempotencyRecord,
  JobLease,
  Wallet,
  WalletEntry,
  RechargePlan,
  Recharge,
  RechargePlanUsage,
  WalletSetting,
  Withdrawal,
  QrNonce,
  Benefit,
  BenefitVersion,
  BenefitAttachment,
  GrowthEntry,
  MemberTier,
  TierHistory,
  TierSetting,
  PointsAccount,
  PointsLot,
  PointsEntry,
  PointsSetting,
  PointsSignIn,
  PointsMallItem,
  PointsRedemption,
  PointsReminder,
  BenefitGrantRecord,
  Category,
  Sku,
  StockMovement,
  CouponTemplate,
  Coupon,
  CouponClaimCounter,
  ShopOrder,
  OrderLine,
  AfterSale,
  Address,
  Shipment,
  MembershipPlan,
  MembershipPurchase,
  MembershipPeriodRecord,
  MembershipAccount,
  MembershipEvent,
  MemberBinding,
  BindingHistory,
  Attribution,
  StaffInvite,
  WriteOff,
  BindingSetting,
  RefreshToken,
  Upload,
  OutboxEvent,
  MemberEvent,
  Favourite,
  MemberFact,
  TagGroup,
  Tag,
  MemberTag,
  Segment,
  Campaign,
  CampaignDelivery,
  StaffTask,
  MemberBanner,
  CampaignBenefitGrant,
  FlashSaleEvent,
  FlashSalePurchase,
  FlashSaleReservation,
  FlashSaleReminder,
  KocProgramme,
  KocMember,
  KocReferral,
  KocReward,
  KocRewardRefund,
  NotificationSceneConfig,
  NotificationConsent,
  NotificationSend,
  CommunityGroup,
  GroupCode,
  GroupCodeClaim,
  CommunityInvitation,
  WecomCallback,
  WecomGroupChat,
  GuideContactWay,
  CommunityJobRun,
  GroupBuyDeal,
  GroupBuyGroup,
  GroupBuyMember,
  AnalyticsDay,
  AnalyticsSalesDay,
  AnalyticsCohortDay,
  AnalyticsLedgerDay,
  AnalyticsSnapshot,
  AnalyticsFunnelDay,
];
