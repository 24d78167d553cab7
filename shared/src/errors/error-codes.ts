/**
 * Stable machine codes for every error the API returns as `{ code, message, details? }`.
 * Clients branch on `code`, never on `message`.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  AUTH_TOKEN_INVALID: 'AUTH_TOKEN_INVALID',
  AUTH_TOKEN_EXPIRED: 'AUTH_TOKEN_EXPIRED',
  AUTH_INVALID_CREDENTIALS: 'AUTH_INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_API_ERROR: 'WECHAT_API_ERROR',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  WECHATPAY_ERROR: 'WECHATPAY_ERROR',
  PAYMENT_STATE_CONFLICT: 'PAYMENT_STATE_CONFLICT',
  REFUND_EXCEEDS_PAID: 'REFUND_EXCEEDS_PAID',
  WALLET_INSUFFICIENT_BALANCE: 'WALLET_INSUFFICIENT_BALANCE',
  WALLET_PIN_REQUIRED: 'WALLET_PIN_REQUIRED',
  WALLET_PIN_INVALID: 'WALLET_PIN_INVALID',
  WALLET_PIN_LOCKED: 'WALLET_PIN_LOCKED',
  RECHARGE_PLAN_UNAVAILABLE: 'RECHARGE_PLAN_UNAVAILABLE',
  RECHARGE_LIMIT_REACHED: 'RECHARGE_LIMIT_REACHED',
  RECHARGE_AMOUNT_INVALID: 'RECHARGE_AMOUNT_INVALID',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code: 400 validation, 401 auth, 403, 404, 409 conflict/state, 422 business rule. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  AUTH_REQUIRED: 401,
  AUTH_TOKEN_INVALID: 401,
  AUTH_TOKEN_EXPIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  WECHAT_CODE_INVALID: 422,
  WECHAT_API_ERROR: 502,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  SERVICE_UNAVAILABLE: 503,
  WECHATPAY_ERROR: 502,
  PAYMENT_STATE_CONFLICT: 409,
  REFUND_EXCEEDS_PAID: 422,
  WALLET_INSUFFICIENT_BALANCE: 422,
  WALLET_PIN_REQUIRED: 422,
  WALLET_PIN_INVALID: 422,
  WALLET_PIN_LOCKED: 422,
  RECHARGE_PLAN_UNAVAILABLE: 422,
  RECHARGE_LIMIT_REACHED: 422,
  RECHARGE_AMOUNT_INVALID: 422,
  INTERNAL: 500,
};

/** Default Chinese messages a client may show when the server's message is not suitable. */
export const ERROR_MESSAGES_ZH: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  BAD_REQUEST: '请求有误',
  AUTH_REQUIRED: '请先登录',
  AUTH_TOKEN_INVALID: '登录状态无效，请重新登录',
  AUTH_TOKEN_EXPIRED: '登录已过期，请重新登录',
  AUTH_INVALID_CREDENTIALS: '账号或密码错误',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '内容不存在或已下架',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重试',
  WECHAT_API_ERROR: '微信服务暂时不可用，请稍后再试',
  IDEMPOTENCY_KEY_REUSED: '重复的请求与上次内容不一致',
  IDEMPOTENCY_IN_PROGRESS: '请求处理中，请勿重复提交',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  WECHATPAY_ERROR: '微信支付暂时不可用，请稍后再试',
  PAYMENT_STATE_CONFLICT: '支付状态已变化，请刷新后重试',
  REFUND_EXCEEDS_PAID: '退款金额超过可退金额',
  WALLET_INSUFFICIENT_BALANCE: '余额不足',
  WALLET_PIN_REQUIRED: '请输入支付密码',
  WALLET_PIN_INVALID: '支付密码错误',
  WALLET_PIN_LOCKED: '支付密码错误次数过多，请稍后再试或通过手机验证重置',
  RECHARGE_PLAN_UNAVAILABLE: '该充值方案已下架或不在有效期内',
  RECHARGE_LIMIT_REACHED: '该充值方案已达到参与次数上限',
  RECHARGE_AMOUNT_INVALID: '充值金额不在允许范围内',
  INTERNAL: '系统繁忙，请稍后再试',
};

export interface ApiErrorBody {
  code: ErrorCode | string;
  message: string;
  details?: unknown;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
