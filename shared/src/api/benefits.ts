import type { BenefitSource, BenefitSourceType, BenefitSpec, BenefitType } from '../benefits/benefit-types';

/** GET /api/admin/benefits rows: the catalogue with the version in force now. */
export interface AdminBenefitView {
  id: number;
  type: BenefitType;
  /** BENEFIT_LABELS[type] */
  label: string;
  name: string;
  description: string;
  enabled: boolean;
  /** Null until a version is in force. */
  spec: BenefitSpec | null;
  version: number | null;
  /** e.g. 全场9折; empty without a version in force. */
  text: string;
  attachedTo: { type: BenefitSourceType; id: number }[];
}

/** POST /api/admin/benefits body */
export interface CreateBenefitRequest {
  name: string;
  description?: string;
  spec: BenefitSpec;
}

/** What POST /api/admin/benefits answers: the new catalogue row. */
export interface BenefitRecord {
  id: number;
  type: BenefitType;
  name: string;
  description: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/admin/benefits/:id/versions */
export interface BenefitRevisionResult {
  benefitId: number;
  version: number;
  effectiveFrom: string;
}

/** POST and DELETE /api/admin/benefit-attachments body (both answer 204). */
export interface BenefitAttachmentRequest {
  sourceType: BenefitSourceType;
  sourceId: number;
  benefitId: number;
}

/** GET /api/admin/benefit-matrix: sources (tiers, paid plans …) × benefits, with the attached cells. */
export interface BenefitMatrix {
  sources: BenefitSource[];
  benefits: { id: number; name: string; label: string; text: string; enabled: boolean }[];
  cells: { benefitId: number; sourceType: BenefitSourceType; sourceId: number }[];
}
