/**
 * Segments are data: a tree of conditions over member facts, tags and behaviour events. The same
 * definition is evaluated by `matchesSegment` (pure, the reference) and compiled to one SQL query by
 * the server; a property test keeps the two in agreement.
 *
 * Missing facts: a condition on a fact the member does not have (NULL) is false, whatever its
 * operator, except `isNull`. Windows are inclusive at their edge: `withinDays: 30` holds for an
 * instant exactly 30×24 h before `now`.
 */

export const LIFECYCLE_STAGES = ['prospect', 'new', 'repeat', 'member', 'dormant', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  prospect: '潜客',
  new: '新客',
  repeat: '老客',
  member: '会员',
  dormant: '沉睡',
  lost: '流失',
};

/** The classic eight RFM classes (R: ordered recently, F: orders often, M: spends much), plus no orders yet. */
export const RFM_BANDS = [
  'important_value',
  'important_develop',
  'important_keep',
  'important_retain',
  'general_value',
  'general_develop',
  'general_keep',
  'general_retain',
  'none',
] as const;
export type RfmBand = (typeof RFM_BANDS)[number];
export const RFM_LABELS: Record<RfmBand, string> = {
  important_value: '重要价值',
  important_develop: '重要发展',
  important_keep: '重要保持',
  important_retain: '重要挽留',
  general_value: '一般价值',
  general_develop: '一般发展',
  general_keep: '一般保持',
  general_retain: '一般挽留',
  none: '未消费',
};

export const GENDERS = ['male', 'female', 'unknown'] as const;

/** The facts kept per member (server table `member_fact`), as the segment engine sees them. */
export interface MemberFacts {
  memberId: number;
  registeredAt: Date;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  lastActiveAt: Date | null;
  orderCount: number;
  spendFen: number;
  orderCount30d: number;
  spend30dFen: number;
  orderCount90d: number;
  spend90dFen: number;
  avgOrderFen: number | null;
  province: string | null;
  city: string | null;
  gender: (typeof GENDERS)[number];
  birthdayMonth: number | null;
  sourceChannel: string | null;
  storeId: number | null;
  guideId: number | null;
  tierLevel: number;
  svipActive: boolean;
  svipExpiresAt: Date | null;
  walletFen: number;
  points: number;
  favouriteCount: number;
  lifecycle: LifecycleStage;
  rfm: RfmBand;
}

export type FactKind = 'number' | 'date' | 'text' | 'enum' | 'boolean';

export interface FactFieldSpec {
  kind: FactKind;
  label: string;
  /** For enums: the allowed values and their labels. */
  options?: Record<string, string>;
  /** Money shown in yuan in the builder. */
  fen?: boolean;
}

export const FACT_FIELDS = {
  registeredAt: { kind: 'date', label: '注册时间' },
  firstOrderAt: { kind: 'date', label: '首单时间' },
  lastOrderAt: { kind: 'date', label: '最近下单' },
  lastActiveAt: { kind: 'date', label: '最近活跃' },
  orderCount: { kind: 'number', label: '累计订单数' },
  spendFen: { kind: 'number', label: '累计消费', fen: true },
  orderCount30d: { kind: 'number', label: '近30天订单数' },
  spend30dFen: { kind: 'number', label: '近30天消费', fen: true },
  orderCount90d: { kind: 'number', label: '近90天订单数' },
  spend90dFen: { kind: 'number', label: '近90天消费', fen: true },
  avgOrderFen: { kind: 'number', label: '客单价', fen: true },
  province: { kind: 'text', label: '省份' },
  city: { kind: 'text', label: '城市' },
  gender: { kind: 'enum', label: '性别', options: { male: '男', female: '女', unknown: '未知' } },
  birthdayMonth: { kind: 'number', label: '生日月份' },
  sourceChannel: { kind: 'text', label: '来源渠道' },
  storeId: { kind: 'number', label: '所属门店' },
  guideId: { kind: 'number', label: '专属导购' },
  tierLevel: { kind: 'number', label: '会员等级' },
  svipActive: { kind: 'boolean', label: '付费会员' },
  svipExpiresAt: { kind: 'date', label: '付费会员到期' },
  walletFen: { kind: 'number', label: '储值余额', fen: true },
  points: { kind: 'number', label: '积分余额' },
  favouriteCount: { kind: 'number', label: '收藏数' },
  lifecycle: { kind: 'enum', label: '生命周期', options: LIFECYCLE_LABELS },
  rfm: { kind: 'enum', label: 'RFM 分层', options: RFM_LABELS },
} as const satisfies Record<Exclude<keyof MemberFacts, 'memberId'>, FactFieldSpec>;

export type FactField = keyof typeof FACT_FIELDS;

export const FACT_OPERATORS: Record<FactKind, readonly string[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'isNull', 'notNull'],
  date: ['withinDays', 'olderThanDays', 'nextDays', 'between', 'isNull', 'notNull'],
  text: ['eq', 'ne', 'in', 'nin', 'isNull', 'notNull'],
  enum: ['eq', 'ne', 'in', 'nin'],
  boolean: ['eq'],
};

export const OPERATOR_LABELS: Record<string, string> = {
  eq: '等于',
  ne: '不等于',
  gt: '大于',
  gte: '大于等于',
  lt: '小于',
  lte: '小于等于',
  between: '介于',
  in: '属于',
  nin: '不属于',
  isNull: '为空',
  notNull: '不为空',
  withinDays: '最近N天内',
  olderThanDays: 'N天以前',
  nextDays: '未来N天内',
};

export const BEHAVIOUR_EVENTS = ['view', 'favourite', 'cart', 'search', 'visit'] as const;
export type BehaviourEventType = (typeof BEHAVIOUR_EVENTS)[number];
export const BEHAVIOUR_EVENT_LABELS: Record<BehaviourEventType, string> = {
  view: '浏览商品',
  favourite: '收藏商品',
  cart: '加入购物车',
  search: '搜索',
  visit: '访问小程序',
};

export interface FactCondition {
  kind: 'fact';
  field: FactField;
  op: string;
  /** number | string | boolean | [a, b] for between (dates as ISO strings) | list for in/nin | days for the day operators. */
  value?: unknown;
}

export interface EventCondition {
  kind: 'event';
  event: BehaviourEventType;
  withinDays: number;
  /** `gte 1` (the default): did it at least once; `lt 1`: did not do it. */
  op?: 'gte' | 'lt';
  count?: number;
  /** Only events on this object (a product id), when set. */
  objectId?: number;
}

export interface TagCondition {
  kind: 'tag';
  op: 'hasAny' | 'hasAll' | 'hasNone';
  tagIds: number[];
}

export interface SegmentGroup {
  kind: 'group';
  match: 'all' | 'any';
  conditions: SegmentCondition[];
}

export type SegmentCondition = FactCondition | EventCondition | TagCondition | SegmentGroup;

export const SEGMENT_LIMITS = { maxDepth: 4, maxConditions: 40, maxListValues: 200, maxDays: 3650 } as const;

export interface SegmentDefinitionError {
  path: string;
  message: string;
}

const DAY_OPS = new Set(['withinDays', 'olderThanDays', 'nextDays']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSafeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(new Date(v).getTime());
}

function scalarOk(spec: FactFieldSpec, v: unknown): boolean {
  switch (spec.kind) {
    case 'number':
      return isSafeInt(v);
    case 'text':
      return typeof v === 'string' && v.length > 0 && v.length <= 64;
    case 'enum':
      return typeof v === 'string' && spec.options !== undefined && v in spec.options;
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return isIsoDate(v);
  }
}

/**
 * Checks a definition from an untrusted body: known fields, operators that fit the field, values of
 * the right type, bounded depth and size. Returns every problem with its path; empty means valid.
 */
export function validateSegment(definition: unknown): SegmentDefinitionError[] {
  const errors: SegmentDefinitionError[] = [];
  let leaves = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (!isPlainObject(node)) return void errors.push({ path, message: '条件必须是对象' });
    switch (node.kind) {
      case 'group': {
        if (depth > SEGMENT_LIMITS.maxDepth) return void errors.push({ path, message: `条件嵌套不能超过 ${SEGMENT_LIMITS.maxDepth} 层` });
        if (node.match !== 'all' && node.match !== 'any') errors.push({ path: `${path}.match`, message: 'match 只能是 all 或 any' });
        if (!Array.isArray(node.conditions) || node.conditions.length === 0)
          return void errors.push({ path: `${path}.conditions`, message: '条件组至少需要一个条件' });
        node.conditions.forEach((c, i) => visit(c, `${path}.conditions[${i}]`, depth + 1));
        return;
      }
      case 'fact': {
        leaves += 1;
        const spec = (FACT_FIELDS as Record<string, FactFieldSpec>)[node.field as string];
        if (typeof node.field !== 'string' || !Object.prototype.hasOwnProperty.call(FACT_FIELDS, node.field) || !spec)
          return void errors.push({ path: `${path}.field`, message: `未知字段：${String(node.field)}` });
        const op = node.op as string;
        if (!FACT_OPERATORS[spec.kind].includes(op))
          return void errors.push({ path: `${path}.op`, message: `字段「${spec.label}」不支持运算符 ${String(op)}` });
        const v = node.value;
        if (op === 'isNull' || op === 'notNull') {
          if (v !== undefined && v !== null) errors.push({ path: `${path}.value`, message: '该运算符不需要值' });
        } else if (DAY_OPS.has(op)) {
          if (!isSafeInt(v) || v < 0 || v > SEGMENT_LIMITS.maxDays)
            errors.push({ path: `${path}.value`, message: `天数必须是 0–${SEGMENT_LIMITS.maxDays} 的整数` });
        } else if (op === 'between') {
          if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => scalarOk(spec, x))) errors.push({ path: `${path}.value`, message: '介于需要两个值' });
          else if (
            (spec.kind === 'date' ? new Date(v[0] as string).getTime() : (v[0] as number)) >
            (spec.kind === 'date' ? new Date(v[1] as string).getTime() : (v[1] as number))
          )
            errors.push({ path: `${path}.value`, message: '介于的下限不能大于上限' });
        } else if (op === 'in' || op === 'nin') {
          if (!Array.isArray(v) || v.length === 0 || v.length > SEGMENT_LIMITS.maxListValues || !v.every((x) => scalarOk(spec, x)))
            errors.push({ path: `${path}.value`, message: `请提供 1–${SEGMENT_LIMITS.maxListValues} 个有效值` });
        } else if (!scalarOk(spec, v)) {
          errors.push({ path: `${path}.value`, message: `「${spec.label}」的值无效` });
        }
        return;
      }
      case 'event': {
        leaves += 1;
        if (!BEHAVIOUR_EVENTS.includes(node.event as BehaviourEventType)) errors.push({ path: `${path}.event`, message: `未知行为：${String(node.event)}` });
        if (!isSafeInt(node.withinDays) || node.withinDays < 1 || node.withinDays > 365)
          errors.push({ path: `${path}.withinDays`, message: '行为时间范围必须是 1–365 天' });
        if (node.op !== undefined && node.op !== 'gte' && node.op !== 'lt') errors.push({ path: `${path}.op`, message: '次数比较只能是 gte 或 lt' });
        if (node.count !== undefined && (!isSafeInt(node.count) || node.count < 0 || node.count > 10_000))
          errors.push({ path: `${path}.count`, message: '次数必须是 0–10000 的整数' });
        if (node.objectId !== undefined && (!isSafeInt(node.objectId) || node.objectId < 1)) errors.push({ path: `${path}.objectId`, message: '对象 id 无效' });
        return;
      }
      case 'tag': {
        leaves += 1;
        if (node.op !== 'hasAny' && node.op !== 'hasAll' && node.op !== 'hasNone')
          errors.push({ path: `${path}.op`, message: '标签条件只能是 hasAny、hasAll 或 hasNone' });
        if (
          !Array.isArray(node.tagIds) ||
          node.tagIds.length === 0 ||
          node.tagIds.length > SEGMENT_LIMITS.maxListValues ||
          !node.tagIds.every((id) => isSafeInt(id) && id > 0)
        )
          errors.push({ path: `${path}.tagIds`, message: '请选择至少一个标签' });
        return;
      }
      default:
        errors.push({ path: `${path}.kind`, message: `未知条件类型：${String(node.kind)}` });
    }
  };
  if (!isPlainObject(definition) || definition.kind !== 'group') return [{ path: 'definition', message: '分群条件必须是一个条件组' }];
  visit(definition, 'definition', 1);
  if (leaves > SEGMENT_LIMITS.maxConditions) errors.push({ path: 'definition', message: `条件不能超过 ${SEGMENT_LIMITS.maxConditions} 个` });
  return errors;
}
