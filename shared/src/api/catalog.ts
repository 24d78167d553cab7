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
