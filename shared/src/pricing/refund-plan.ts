import type { Fen } from '../money/fen';
import { refundLine, type LineRefundInput } from './pricing';

/** A line of a paid order, with what earlier refunds took from it. */
export interface RefundableLine extends LineRefundInput {
  id: number;
}

/** What an order paid and earned, and what earlier refunds already reversed. */
export interface RefundableOrder {
  lines: RefundableLine[];
  pointsUsed: number;
  pointsDeductionFen: Fen;
  pointsEarned: number;
  growthEarned: number;
  shippingCashFen: Fen;
  shippingBalanceFen: Fen;
  pointsRestored: number;
  pointsClawedBack: number;
  growthReversed: number;
}

export interface RefundLineRequest {
  lineId: number;
  quantity: number;
}

export interface LineRefundPart {
  lineId: number;
  quantity: number;
  pointsFen: Fen;
  balanceFen: Fen;
  cashFen: Fen;
}

/** Everything one approved refund gives back, per source, and what it takes back of what the order earned. */
export interface RefundPlan {
  lines: LineRefundPart[];
  /** Cash back through WeChat Pay (shipping included when the order is now refunded in full). */
  cashFen: Fen;
  /** Stored value back, in its original principal/bonus split. */
  balanceFen: Fen;
  /** Points the order used, returned as a new lot. */
  pointsBack: number;
  /** Points the order earned, taken back. */
  pointsClawback: number;
  growthBack: number;
  /** After this refund every unit is refunded: coupons come back and the order becomes refunded. */
  whole: boolean;
}

export class RefundRequestError extends Error {
  constructor(
    message: string,
    readonly lineId?: number,
  ) {
    super(message);
  }
}

/**
 * Sums quantities per line (the same line named twice counts twice) and checks each against what
 * is left to refund. Throws RefundRequestError for an unknown line, a non-positive quantity or more
 * than is left.
 */
export function normalizeRefundRequest(order: Pick<RefundableOrder, 'lines'>, request: readonly RefundLineRequest[]): RefundLineRequest[] {
  if (request.length === 0) throw new RefundRequestError('请选择要退款的商品');
  const byLine = new Map<number, number>();
  for (const r of request) {
    if (!Number.isSafeInteger(r.quantity) || r.quantity < 1) throw new RefundRequestError('退款数量不正确', r.lineId);
    byLine.set(r.lineId, (byLine.get(r.lineId) ?? 0) + r.quantity);
  }
  return [...byLine.entries()].map(([lineId, quantity]) => {
    const line = order.lines.find((l) => l.id === lineId);
    if (!line) throw new RefundRequestError('退款商品不属于该订单', lineId);
    if (quantity > line.quantity - line.refundedQuantity) throw new RefundRequestError('退款数量超过可退数量', lineId);
    return { lineId, quantity };
  });
}

/**
 * What refunding `request` returns, source by source. Each line gives back its share by units (the
 * last unit settles the remainder, see refundLine); points used come back in proportion to the
 * points deduction refunded; points and growth earned are clawed back in proportion to the money
 * refunded; the refund that completes the order settles every remainder and the shipping. So the
 * sum over any sequence of refunds that refunds everything equals exactly what each source paid.
 */
export function planRefund(order: RefundableOrder, request: readonly RefundLineRequest[]): RefundPlan {
  const wanted = normalizeRefundRequest(order, request);
  const after = order.lines.map((l) => ({ ...l, refunded: { ...l.refunded } }));
  const parts: LineRefundPart[] = [];
  let cashFen = 0;
  let balanceFen = 0;
  for (const { lineId, quantity } of wanted) {
    const line = after.find((l) => l.id === lineId)!;
    const part = refundLine(line, quantity);
    line.refundedQuantity += quantity;
    line.refunded.pointsFen += part.pointsFen;
    line.refunded.balanceFen += part.balanceFen;
    line.refunded.cashFen += part.cashFen;
    cashFen += part.cashFen;
    balanceFen += part.balanceFen;
    parts.push({ lineId, quantity, ...part });
  }
  const whole = after.every((l) => l.refundedQuantity === l.quantity);
  if (whole) {
    cashFen += order.shippingCashFen;
    balanceFen += order.shippingBalanceFen;
  }
  const sum = (f: (l: RefundableLine) => number) => after.reduce((s, l) => s + f(l), 0);
  const goodsPaid = sum((l) => l.balanceFen + l.cashFen);
  const goodsRefunded = sum((l) => l.refunded.balanceFen + l.refunded.cashFen);
  const pointsFenRefunded = sum((l) => l.refunded.pointsFen);
  const proportional = (total: number) => (whole || goodsPaid === 0 ? total : Math.floor((total * goodsRefunded) / goodsPaid));
  const pointsBackTarget = whole
    ? order.pointsUsed
    : order.pointsDeductionFen > 0
      ? Math.floor((order.pointsUsed * pointsFenRefunded) / order.pointsDeductionFen)
      : 0;
  return {
    lines: parts,
    cashFen,
    balanceFen,
    pointsBack: Math.max(0, pointsBackTarget - order.pointsRestored),
    pointsClawback: Math.max(0, proportional(order.pointsEarned) - order.pointsClawedBack),
    growthBack: Math.max(0, proportional(order.growthEarned) - order.growthReversed),
    whole,
  };
}

/** The order's refund counters after `plan` is applied (what the next planRefund reads). */
export function applyRefundPlan(order: RefundableOrder, plan: RefundPlan): RefundableOrder {
  return {
    ...order,
    pointsRestored: order.pointsRestored + plan.pointsBack,
    pointsClawedBack: order.pointsClawedBack + plan.pointsClawback,
    growthReversed: order.growthReversed + plan.growthBack,
    lines: order.lines.map((l) => {
      const part = plan.lines.find((p) => p.lineId === l.id);
      if (!part) return l;
      return {
        ...l,
        refundedQuantity: l.refundedQuantity + part.quantity,
        refunded: {
          pointsFen: l.refunded.pointsFen + part.pointsFen,
          balanceFen: l.refunded.balanceFen + part.balanceFen,
          cashFen: l.refunded.cashFen + part.cashFen,
        },
      };
    }),
  };
}
