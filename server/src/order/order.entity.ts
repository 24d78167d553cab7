import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, FenColumn, PointsColumn, UpdatedAtColumn } from '../database/columns';
import type { AfterSaleKind, AfterSaleStatus, Fulfilment, OrderStatus } from '@mall/shared';

/** An order and the price it was sold at (a snapshot: later price or benefit changes never touch it). */
@Entity('shop_order')
@Index('ix_order_member', ['memberId', 'id'])
@Index('ix_order_status', ['status', 'id'])
@Index('ix_order_paid_at', ['paidAt'])
export class ShopOrder {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_order_no', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 20, default: 'pending_payment' })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 8 })
  fulfilment: Fulfilment;

  /** JSON of the delivery address at order time. */
  @Column({ type: 'text', nullable: true, default: null })
  address: string | null;

  @Column({ type: 'int', nullable: true, default: null })
  storeId: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true, default: null })
  pickupCode: string | null;

  @FenColumn() listTotalFen: number;
  @FenColumn() memberDiscountFen: number;
  @FenColumn() couponDiscountFen: number;
  @PointsColumn() pointsUsed: number;
  @FenColumn() pointsDeductionFen: number;
  @FenColumn() shippingFen: number;
  @FenColumn() shippingBalanceFen: number;
  @FenColumn() shippingCashFen: number;
  @FenColumn() balanceFen: number;
  @FenColumn() cashFen: number;
  @FenColumn() payableFen: number;

  /** Earned when paid; clawed back in proportion on refunds. */
  @PointsColumn() pointsEarned: number;
  @Column({ type: 'int', default: 0 }) growthEarned: number;
  @PointsColumn() pointsRestored: number;
  @PointsColumn() pointsClawedBack: number;
  @Column({ type: 'int', default: 0 }) growthReversed: number;

  /** JSON [{couponId, fen}] */
  @Column({ type: 'varchar', length: 512, default: '[]' })
  coupons: string;

  /** JSON [{source, fen}] from the pricing engine (the paid-membership savings tracker reads it). */
  @Column({ type: 'text', nullable: true, default: null })
  savings: string | null;

  @Column({ type: 'varchar', length: 120, default: '' })
  remark: string;

  @Column({ type: 'int', nullable: true, default: null })
  paymentId: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true, default: null })
  outTradeNo: string | null;

  @DateTimeColumn({ nullable: true, default: null }) paidAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) shippedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) completedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 64, default: '' })
  cancelReason: string;

  /** Set when the order was bought through a deal (flash sale, group buy): see OrderDealHandler. */
  @Column({ type: 'varchar', length: 16, nullable: true, default: null })
  dealKind: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  dealRef: string | null;

  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

@Entity('order_line')
@Index('ix_order_line_order', ['orderId'])
export class OrderLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' }) orderId: number;
  @Column({ type: 'int' }) skuId: number;
  @Column({ type: 'int' }) productId: number;
  @Column({ type: 'varchar', length: 128 }) productName: string;
  @Column({ type: 'varchar', length: 64 }) specs: string;
  @Column({ type: 'varchar', length: 512, default: '' }) imageUrl: string;
  @Column({ type: 'int' }) quantity: number;
  @FenColumn() unitPriceFen: number;
  @FenColumn() listFen: number;
  @FenColumn() memberDiscountFen: number;
  @FenColumn() couponFen: number;
  @FenColumn() pointsFen: number;
  @FenColumn() balanceFen: number;
  @FenColumn() cashFen: number;
  @Column({ type: 'int', default: 0 }) refundedQuantity: number;
  @FenColumn() refundedPointsFen: number;
  @FenColumn() refundedBalanceFen: number;
  @FenColumn() refundedCashFen: number;
  /** Units that left in a shipment (delivery). */
  @Column({ type: 'int', default: 0 }) shippedQuantity: number;
  /** Units refunded before they were shipped: never to be shipped (and back in stock). */
  @Column({ type: 'int', default: 0 }) cancelledQuantity: number;
  /** Units in after-sale requests that were not rejected; raised by a conditional UPDATE, so never above quantity. */
  @Column({ type: 'int', default: 0 }) afterSaleQuantity: number;
}

/**
 * An after-sale request for some units of some lines: refund only, return and refund, or exchange.
 * What each source gets back is computed when the refund runs (on approval, or when the return arrives).
 */
@Entity('after_sale')
@Index('ix_after_sale_status', ['status', 'id'])
export class AfterSale {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_after_sale_order')
  @Column({ type: 'int' })
  orderId: number;
  @Column({ type: 'int' }) memberId: number;
  /** JSON [{lineId, quantity}] */
  @Column({ type: 'varchar', length: 512 }) lines: string;
  @Column({ type: 'varchar', length: 16, default: 'refund_only' }) kind: AfterSaleKind;
  @Column({ type: 'varchar', length: 24, default: '' }) reasonCode: string;
  @Column({ type: 'varchar', length: 120, default: '' }) reason: string;
  /** JSON [uploadId] */
  @Column({ type: 'varchar', length: 128, default: '[]' }) photoIds: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status: AfterSaleStatus;
  @FenColumn() cashFen: number;
  @FenColumn() balanceFen: number;
  @PointsColumn() pointsReturned: number;
  @Index('ix_after_sale_refund_no')
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  outRefundNo: string | null;
  @Column({ type: 'varchar', length: 120, default: '' }) reviewNote: string;
  @DateTimeColumn({ nullable: true, default: null }) reviewedAt: Date | null;
  @Column({ type: 'varchar', length: 200, default: '' }) returnAddress: string;
  @Column({ type: 'varchar', length: 16, nullable: true, default: null }) returnCarrierCode: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) returnTrackingNo: string | null;
  @DateTimeColumn({ nullable: true, default: null }) returnShippedAt: Date | null;
  @DateTimeColumn({ nullable: true, default: null }) receivedAt: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true, default: null }) replacementCarrierCode: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, default: null }) replacementTrackingNo: string | null;
  @DateTimeColumn({ nullable: true, default: null }) replacementShippedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/** A parcel that left for a delivery order: which units of which lines it carries, with the carrier's tracking number. */
@Entity('shipment')
@Index('ix_shipment_order', ['orderId', 'id'])
@Index('uq_shipment_tracking', ['carrierCode', 'trackingNo'], { unique: true })
export class Shipment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) orderId: number;
  @Column({ type: 'varchar', length: 16 }) carrierCode: string;
  @Column({ type: 'varchar', length: 32 }) trackingNo: string;
  /** JSON [{orderLineId, quantity}] */
  @Column({ type: 'varchar', length: 1024 }) lines: string;
  @DateTimeColumn() shippedAt: Date;
  @Column({ type: 'int', nullable: true, default: null }) accountId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

@Entity('address')
@Index('ix_address_member', ['memberId'])
export class Address {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @Column({ type: 'varchar', length: 64 }) region: string;
  @Column({ type: 'varchar', length: 128 }) detail: string;
  @Column({ type: 'boolean', default: false }) isDefault: boolean;
  @CreatedAtColumn() createdAt: Date;
}
