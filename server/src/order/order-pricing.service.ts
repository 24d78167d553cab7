import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, priceOrder, productOpenTo, type CouponTerms, type PricingInput, type PricingLineInput, type PricingResult } from '@mall/shared';
import { BenefitService } from '../benefit/benefit.service';
import { Product } from '../catalog/product.entity';
import { Sku } from '../catalog/sku.entity';
import { AppError } from '../common/errors/app-error';
import { CouponService } from '../coupon/coupon.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { GrowthService } from '../tier/growth.service';
import { WalletLedgerService } from '../wallet/wallet-ledger.service';
import type { Wallet } from '../wallet/wallet.entity';
import { CatalogService } from '../catalog/catalog.service';

export const DELIVERY_FEE_FEN = 1000;

export interface CheckoutRequest {
  lines: { skuId: number; quantity: number }[];
  couponIds: number[];
  pointsToUse: number;
  balanceToUse: number;
  fulfilment: 'delivery' | 'pickup';
}

/** A deal's price for the order's single line (flash sale, group buy): replaces list and member price. */
export interface DealPrice {
  unitPriceFen: number;
}

export interface LineSnapshot {
  sku: Sku;
  product: Product;
}

/**
 * Builds the pricing engine's input from the database (prices, the member's benefits, coupons,
 * points and balance) and runs it. The mini-program runs the same engine on the same context to
 * preview; the server's result is the one that counts.
 */
@Injectable()
export class OrderPricingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly benefits: BenefitService,
    private readonly coupons: CouponService,
    private readonly points: PointsLedgerService,
    private readonly wallet: WalletLedgerService,
    private readonly growth: GrowthService,
    private readonly catalog: CatalogService,
  ) {}

  /** The lines' SKUs and products, checked against the member's tier (returned: benefit resolution reuses it). */
  async loadLines(manager: EntityManager, memberId: number, lines: CheckoutRequest['lines']): Promise<{ snapshots: LineSnapshot[]; tierLevel: number }> {
    if (lines.length === 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择商品');
    const skuIds = lines.map((l) => l.skuId);
    if (new Set(skuIds).size !== skuIds.length) throw new AppError(ErrorCode.VALIDATION_FAILED, '同一商品规格请合并数量');
    const found = await this.catalog.skusWithProducts(manager, skuIds);
    const level = (await this.growth.state(manager, memberId)).level;
    const { exclusive, held } = await this.catalog.exclusiveAccess(memberId);
    const snapshots = lines.map((l) => {
      const { sku, product } = found.find((f) => f.sku.id === l.skuId) ?? {};
      if (!sku || !product || !sku.enabled || product.status !== 'on_shelf') throw new AppError(ErrorCode.PRODUCT_UNAVAILABLE, undefined, { skuId: l.skuId });
      if (product.minTierLevel > level) throw new AppError(ErrorCode.TIER_REQUIRED, undefined, { skuId: l.skuId });
      if (!productOpenTo(product.id, exclusive, held)) throw AppError.forbidden('该商品为会员专享，开通对应会员权益后可购买');
      return { sku, product };
    });
    return { snapshots, tierLevel: level };
  }

  async context(
    manager: EntityManager,
    memberId: number,
    request: CheckoutRequest,
    coupons: CouponTerms[],
    now = new Date(),
    deal?: DealPrice,
  ): Promise<{ input: PricingInput; snapshots: LineSnapshot[]; wallet: Wallet | null }> {
    const { snapshots, tierLevel } = await this.loadLines(manager, memberId, request.lines);
    const [{ effective }, pointsSettings, growthSettings, pointsBalance, wallet] = await Promise.all([
      this.benefits.effectiveFor(memberId, now, { tierLevel }),
      this.points.settings(),
      this.growth.settings(),
      this.points.balance(memberId),
      this.wallet.balance(memberId),
    ]);
    const lines: PricingLineInput[] = snapshots.map(({ sku, product }, i) => ({
      skuId: sku.id,
      productId: product.id,
      categoryId: product.categoryId,
      quantity: request.lines[i].quantity,
      listPriceFen: deal ? deal.unitPriceFen : sku.priceFen,
      memberPriceFen: deal ? null : sku.memberPriceFen,
      dealPrice: deal !== undefined,
    }));
    return {
      snapshots,
      wallet,
      input: {
        lines,
        benefits: effective,
        coupons,
        points: {
          use: request.pointsToUse,
          balance: pointsBalance,
          rule: { pointsPerYuan: pointsSettings.deductPointsPerYuan, maxShareBps: pointsSettings.deductMaxShareBps },
        },
        balance: { useFen: request.balanceToUse, availableFen: (wallet?.principalFen ?? 0) + (wallet?.bonusFen ?? 0) },
        shipping: { method: request.fulfilment, feeFen: DELIVERY_FEE_FEN },
        earn: { pointsPerYuan: pointsSettings.spendEarnEnabled ? pointsSettings.basePerYuan : 0, growthPerYuan: growthSettings.growthPerYuan },
      },
    };
  }

  async price(
    memberId: number,
    request: CheckoutRequest,
    manager: EntityManager = this.dataSource.manager,
    deal?: DealPrice,
  ): Promise<{ result: PricingResult; input: PricingInput; snapshots: LineSnapshot[]; wallet: Wallet | null }> {
    const coupons = await this.coupons.usable(manager, memberId, request.couponIds);
    const { input, snapshots, wallet } = await this.context(manager, memberId, request, coupons, undefined, deal);
    return { result: priceOrder(input), input, snapshots, wallet };
  }
}
