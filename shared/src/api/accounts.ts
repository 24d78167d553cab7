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
  'tier.create': '新建等级',
  'tier.update': '修改等级',
  'after_sale.receive': '确认收到退货',
  'order.ready_for_pickup': '备货完成待自提',
  'tag.create': '新建标签',
  'tag.assign': '打标签',
  'tag.unassign': '移除标签',
  'tag_group.create': '新建标签组',
  'member_facts.refresh': '刷新会员画像',
  'segment.create': '新建人群',
  'segment.update': '修改人群',
  'segment.delete': '删除人群',
  'segment.export': '导出人群',
  'campaign.create': '新建营销活动',
  'campaign.update': '修改营销活动',
  'campaign.run_due': '手动执行营销活动',
  'community.group_create': '新建社群',
  'community.group_update': '修改社群',
  'community.group_enabled': '启停社群',
  'community.code_add': '上传群活码',
  'community.code_remove': '移除群活码',
  'community.wecom_code_add': '创建企微入群方式',
  'community.join_confirm': '确认会员入群',
  'community.run_nightly': '手动评估社群邀请',
  'koc_programme.create': '新建推荐官计划',
  'koc_programme.update': '修改推荐官计划',
  'koc.designate': '指定推荐官',
  'koc.enable': '启停推荐官',
  'flash_sale.create': '新建秒杀',
  'flash_sale.update': '修改秒杀',
  'group_buy.create': '新建拼团',
  'group_buy.update': '修改拼团',
  'analytics.export': '导出数据看板',
  'deal_report.export': '导出活动效果报表',
  'audit_log.export': '导出操作记录',
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
  tier: '等级',
  tier_settings: '等级设置',
  points_settings: '积分设置',
  wallet_settings: '储值设置',
  binding_setting: '绑定规则',
  member_fact: '会员画像',
  tag: '标签',
  tag_group: '标签组',
  segment: '人群',
  campaign: '营销活动',
  community_group: '社群',
  group_code: '群活码',
  koc_programme: '推荐官计划',
  flash_sale: '秒杀活动',
  group_buy_deal: '拼团活动',
  analytics: '数据看板',
  audit_log: '操作记录',
  deal_report: '活动效果报表',
};
