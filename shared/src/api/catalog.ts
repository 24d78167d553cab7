import type { Fen } from '../money/fen';

export interface TierSummary {
  id: number;
  level: number;
  name: string;
  growthThreshold: number;
  color: string;
  description: string;
}

export interface ProductSummary {
  id: number;
  name: string;
  subtitle: string;
  imageUrl: string;
  priceFen: Fen;
  /** Lowest member price across tiers, when the product has one. */
  memberPriceFen: Fen | null;
  stock: number;
}

export interface StoreSummary {
  id: number;
  name: string;
  address: string;
}

export interface CategoryView {
  id: number;
  name: string;
  icon: string;
}

export interface SkuView {
  id: number;
  specs: string;
  priceFen: Fen;
  memberPriceFen: Fen | null;
  /** What an SVIP member would pay (best paid-plan discount or the member price). */
  svipPriceFen: Fen | null;
  stock: number;
}

/** GET /api/catalog/products/:id */
export interface ProductDetail extends ProductSummary {
  categoryId: number | null;
  minTierLevel: number;
  detail: string | null;
  skus: SkuView[];
}
