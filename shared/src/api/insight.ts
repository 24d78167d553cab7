import type { Fen } from '../money';
import type { BehaviourEventType, LifecycleStage, RfmBand, SegmentGroup } from '../segment';
import type { VisitSource } from '../insight';

/** GET /api/admin/tag-groups */
export interface TagGroupView {
  id: number;
  name: string;
  createdAt: string;
}

/** GET /api/admin/tags (items) */
export interface TagView {
  id: number;
  /** 0: not in a group. */
  groupId: number;
  name: string;
  kind: 'manual' | 'system';
  systemKey: string | null;
  staffAssignable: boolean;
  memberCount: number;
  createdAt: string;
}

export interface CreateTagRequest {
  name: string;
  groupId?: number;
  staffAssignable?: boolean;
}

/** POST /api/admin/tags/:id/members: by ids, phones, or CSV text (one phone or id per line). */
export interface AssignTagRequest {
  memberIds?: number[];
  phones?: string[];
  csv?: string;
}

export interface AssignTagResult {
  tagged: number;
  alreadyTagged: number;
  /** Phones, ids or lines that matched no member. */
  unknown: string[];
}

export interface SegmentSampleView {
  memberId: number;
  nickname: string;
  lifecycle: LifecycleStage;
  orderCount: number;
  spendFen: Fen;
  lastOrderAt: string | null;
}

/** POST /api/admin/segments/preview */
export interface SegmentPreviewView {
  count: number;
  sample: SegmentSampleView[];
  description: string;
}

/** GET /api/admin/segments (items) */
export interface SegmentView {
  id: number;
  name: string;
  definition: SegmentGroup;
  description: string;
  updatedAt: string;
}

export interface SaveSegmentRequest {
  name: string;
  definition: SegmentGroup;
}

/** The facts of one member as the server keeps them (dates as ISO). */
export interface MemberFactsView {
  memberId: number;
  registeredAt: string;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  lastActiveAt: string | null;
  orderCount: number;
  spendFen: Fen;
  orderCount30d: number;
  spend30dFen: Fen;
  orderCount90d: number;
  spend90dFen: Fen;
  avgOrderFen: Fen | null;
  province: string | null;
  city: string | null;
  gender: 'male' | 'female' | 'unknown';
  birthdayMonth: number | null;
  sourceChannel: string | null;
  storeId: number | null;
  guideId: number | null;
  tierLevel: number;
  svipActive: boolean;
  svipExpiresAt: string | null;
  walletFen: Fen;
  points: number;
  favouriteCount: number;
  lifecycle: LifecycleStage;
  rfm: RfmBand;
  refreshedAt: string;
}

/** GET /api/admin/members/:id/insight; facts are null until the member's first refresh. */
export interface MemberInsightView {
  facts: MemberFactsView | null;
  tags: { id: number; name: string; kind: 'manual' | 'system' }[];
}

/** GET /api/admin/members/:id/events: the member's recent behaviour, newest first. */
export interface MemberEventView {
  id: number;
  type: BehaviourEventType;
  objectId: number | null;
  /** The product's name for view/favourite/cart, when it still exists. */
  objectName: string | null;
  term: string | null;
  source: VisitSource | null;
  occurredAt: string;
}

/** GET /api/admin/insight/overview: members per lifecycle stage and RFM band (from the kept facts). */
export interface InsightOverview {
  total: number;
  lifecycle: Record<LifecycleStage, number>;
  rfm: Record<RfmBand, number>;
  /** When the oldest counted facts were refreshed (null with no facts yet). */
  oldestRefreshAt: string | null;
}
