/**
 * Subscribe-message scenes: what the mall tells a member through WeChat's one-time subscribe
 * messages, each with its Chinese name, the page the message opens and the data keys its template
 * must have. A key is WeChat's `<kind><n>` (thing1, amount2 …): ops pick, in the WeChat admin, a
 * template whose keywords carry exactly these keys and paste its id into 消息通知.
 */
export const SUBSCRIBE_VALUE_KINDS = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type SubscribeValueKind = (typeof SUBSCRIBE_VALUE_KINDS)[number];

export interface NotificationField {
  readonly key: string;
  readonly label: string;
}

export interface NotificationSceneDefinition {
  readonly label: string;
  /** Mini-program page the message opens (query added per send). */
  readonly page: string;
  readonly fields: readonly NotificationField[];
}

export const NOTIFICATION_SCENES = {
  order_paid: {
    label: '订单支付成功',
    page: 'subpackages/mall/pages/order/index',
    fields: [
      { key: 'character_string1', label: '订单编号' },
      { key: 'thing2', label: '商品名称' },
      { key: 'amount3', label: '支付金额' },
      { key: 'time4', label: '支付时间' },
    ],
  },
  order_shipped: {
    label: '订单发货通知',
    page: 'subpackages/mall/pages/order/index',
    fields: [
      { key: 'character_string1', label: '订单编号' },
      { key: 'thing2', label: '商品名称' },
      { key: 'time3', label: '发货时间' },
      { key: 'thing4', label: '温馨提示' },
    ],
  },
  pickup_ready: {
    label: '自提商品待取',
    page: 'subpackages/mall/pages/order/index',
    fields: [
      { key: 'character_string1', label: '订单编号' },
      { key: 'thing2', label: '自提门店' },
      { key: 'thing3', label: '门店地址' },
      { key: 'thing4', label: '温馨提示' },
    ],
  },
  refund_result: {
    label: '退款结果通知',
    page: 'subpackages/mall/pages/orders/index',
    fields: [
      { key: 'character_string1', label: '单号' },
      { key: 'amount2', label: '退款金额' },
      { key: 'phrase3', label: '退款状态' },
      { key: 'thing4', label: '备注' },
    ],
  },
  recharge_credited: {
    label: '充值到账通知',
    page: 'subpackages/wallet/pages/wallet/index',
    fields: [
      { key: 'amount1', label: '充值金额' },
      { key: 'amount2', label: '赠送金额' },
      { key: 'time3', label: '到账时间' },
      { key: 'thing4', label: '温馨提示' },
    ],
  },
  points_expiring: {
    label: '积分过期提醒',
    page: 'subpackages/points/pages/points/index',
    fields: [
      { key: 'number1', label: '即将过期积分' },
      { key: 'date2', label: '过期日期' },
      { key: 'thing3', label: '温馨提示' },
    ],
  },
  svip_expiring: {
    label: 'SVIP 到期提醒',
    page: 'subpackages/member/pages/svip/index',
    fields: [
      { key: 'date1', label: '到期日期' },
      { key: 'thing2', label: '温馨提示' },
    ],
  },
  svip_renewed: {
    label: 'SVIP 开通/续费成功',
    page: 'subpackages/member/pages/svip/index',
    fields: [
      { key: 'thing1', label: '会员方案' },
      { key: 'date2', label: '有效期至' },
      { key: 'thing3', label: '温馨提示' },
    ],
  },
  coupon_expiring: {
    label: '优惠券到期提醒',
    page: 'subpackages/mall/pages/coupons/index',
    fields: [
      { key: 'thing1', label: '优惠券名称' },
      { key: 'date2', label: '到期日期' },
      { key: 'thing3', label: '温馨提示' },
    ],
  },
  deal_reminder: {
    label: '活动开始提醒',
    page: 'pages/index/index',
    fields: [
      { key: 'thing1', label: '活动名称' },
      { key: 'time2', label: '开始时间' },
      { key: 'thing3', label: '温馨提示' },
    ],
  },
  group_result: {
    label: '拼团结果通知',
    page: 'subpackages/mall/pages/orders/index',
    fields: [
      { key: 'thing1', label: '商品名称' },
      { key: 'phrase2', label: '拼团结果' },
      { key: 'thing3', label: '温馨提示' },
    ],
  },
  invitation: {
    label: '邀请成功通知',
    page: 'subpackages/points/pages/points/index',
    fields: [
      { key: 'thing1', label: '好友昵称' },
      { key: 'thing2', label: '获得奖励' },
      { key: 'time3', label: '邀请时间' },
    ],
  },
  campaign_notice: {
    label: '会员活动通知',
    page: 'pages/index/index',
    fields: [
      { key: 'thing1', label: '活动名称' },
      { key: 'thing2', label: '活动内容' },
      { key: 'time3', label: '通知时间' },
    ],
  },
} as const satisfies Record<string, NotificationSceneDefinition>;

export type NotificationScene = keyof typeof NOTIFICATION_SCENES;
export const NOTIFICATION_SCENE_KEYS = Object.keys(NOTIFICATION_SCENES) as NotificationScene[];

/** The values a send of `scene` needs, by template key. */
export type NotificationData<S extends NotificationScene> = Record<(typeof NOTIFICATION_SCENES)[S]['fields'][number]['key'], string>;

export function isNotificationScene(value: unknown): value is NotificationScene {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_SCENES, value);
}

export function notificationSceneLabel(scene: string): string {
  return isNotificationScene(scene) ? NOTIFICATION_SCENES[scene].label : scene;
}

/** Why a send was not attempted (or failed before WeChat answered). */
export const NOTIFICATION_SKIP_REASONS = {
  no_template: '未配置模板',
  disabled: '场景已停用',
  no_consent: '用户未订阅',
  no_openid: '会员无 openid',
} as const;
export type NotificationSkipReason = keyof typeof NOTIFICATION_SKIP_REASONS;

/** What the mini-program's wx.requestSubscribeMessage answers per template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** WeChat lets one requestSubscribeMessage call ask for at most three one-time templates. */
export const SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST = 3;
