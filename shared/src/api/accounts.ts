import type { AccountProfile, AccountRole } from './auth';

/** The one wording for each account role, in the admin panel and staff mode. */
export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  admin: '超级管理员',
  ops: '运营',
  finance: '财务',
  store_manager: '店长',
  staff: '导购',
};

/** GET /api/admin/accounts rows */
export interface AdminAccountView extends AccountProfile {
  storeName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  workPhone: string | null;
  avatarUrl: string | null;
}

/** PATCH /api/admin/accounts/:id (deactivating signs the account out everywhere). */
export interface UpdateAccountRequest {
  displayName?: string;
  workPhone?: string | null;
  /** An upload of purpose avatar/cover made by this admin (POST /api/admin/uploads). */
  avatarUploadId?: number;
  active?: boolean;
}

/** POST /api/admin/accounts (answers with the new AccountProfile) */
export interface CreateAccountRequest {
  username: string;
  password: string;
  displayName: string;
  role: AccountRole;
  /** Required for store roles (store_manager, staff). */
  storeId?: number;
  /** Work phone members may reveal to call their guide (mobile, or a landline with area code). */
  workPhone?: string;
}

/** POST /api/admin/accounts/:id/invites — a one-time code staff enter in the mini-program. */
export interface StaffInviteView {
  code: string;
  expiresAt: string;
  accountId: number;
}

/** GET /api/admin/audit-logs rows: who changed what, with the request and outcome. */
export interface AuditLogView {
  id: number;
  actor: { id: number; role: string; displayName: string | null };
  action: string;
  target: { type: string; id: string };
  details: Record<string, unknown>;
  createdAt: string;
}

/** What each audited action means, for the audit log screen (an action not listed shows as its code). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'account.update': '修改账号',
  'account.sessions.revoke': '注销登录会话',
  'staff.invite': '生成员工邀请码',
  'member.birthday.change': '修改会员生日',
  'wallet.adjust': '钱包人工调整',
  'wallet_settings.update': '修改储值设置',
  'withdrawal.approve': '通过提现',
  'withdrawal.reject': '拒绝提现',
  'recharge_plan.create': '新建充值方案',
  'recharge_plan.update': '修改充值方案',
  'points.adjust': '积分人工调整',
  'points_item.create': '新建积分商品',
  'points_item.update': '修改积分商品',
  'points_settings.update': '修改积分设置',
  'payment.refund': '支付退款',
  'membership_plan.create': '新建 SVIP 方案',
  'membership_plan.update': '修改 SVIP 方案',
  'membership_purchase.refund': 'SVIP 退款',
  'product.create': '新增商品',
  'product.update': '修改商品',
  'sku.update': '修改规格',
  'coupon_template.create': '新建优惠券',
  'coupon_template.update': '修改优惠券',
  'order.ship': '订单发货',
  'after_sale.approve': '通过售后',
  'after_sale.reject': '拒绝售后',
  'benefit.create': '新建权益',
  'benefit.revise': '修订权益',
  'benefit.toggle': '启停权益',
  'benefit.attach': '挂载权益',
  'benefit.detach': '卸下权益',
  'tier_settings.update': '修改等级设置',
  'store.create': '新建门店',
  'store.update': '修改门店',
  'binding.transfer': '转移会员绑定',
  'binding_policy.update': '修改绑定规则',
};

/** The kinds of object an audit entry points at (GET /api/admin/audit-logs?targetType=). */
export const AUDIT_TARGET_LABELS: Record<string, string> = {
  member: '会员',
  account: '账号',
  order: '订单',
  after_sale: '售后',
  payment: '支付',
  withdrawal: '提现',
  membership_purchase: 'SVIP 订单',
  membership_plan: 'SVIP 方案',
  product: '商品',
  sku: '规格',
  coupon_template: '优惠券',
  recharge_plan: '充值方案',
  points_item: '积分商品',
  benefit: '权益',
  store: '门店',
};
