import type { ReactNode } from 'react';
import { DatePicker, Input, InputNumber, Radio, Select, Space, Button, Typography, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  BEHAVIOUR_EVENT_LABELS,
  beijingDate,
  beijingDayStart,
  FACT_FIELDS,
  FACT_OPERATORS,
  OPERATOR_LABELS,
  parseYuan,
  SEGMENT_LIMITS,
  type BehaviourEventType,
  type EventCondition,
  type FactCondition,
  type FactField,
  type FactFieldSpec,
  type SegmentCondition,
  type SegmentGroup,
  type TagCondition,
  type TagGroupView,
  type TagView,
} from '@mall/shared';
import { YuanInput } from '../../components/YuanInput';
import { beijingEndOfDay, hundredthsText } from '../../services/format';

/** The fact fields as an operator thinks of them. */
export const FIELD_GROUPS: { label: string; fields: FactField[] }[] = [
  {
    label: '消费',
    fields: ['orderCount', 'spendFen', 'orderCount30d', 'spend30dFen', 'orderCount90d', 'spend90dFen', 'avgOrderFen', 'firstOrderAt', 'lastOrderAt'],
  },
  { label: '活跃', fields: ['lastActiveAt', 'registeredAt', 'favouriteCount'] },
  { label: '资料与地区', fields: ['province', 'city', 'gender', 'birthdayMonth', 'sourceChannel'] },
  { label: '会员与资产', fields: ['tierLevel', 'svipActive', 'svipExpiresAt', 'walletFen', 'points', 'storeId', 'guideId'] },
  { label: '分层', fields: ['lifecycle', 'rfm'] },
];
const FIELD_OPTIONS = FIELD_GROUPS.map((g) => ({ label: g.label, options: g.fields.map((f) => ({ value: f, label: FACT_FIELDS[f].label })) }));
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));
const DAY_OPS = new Set(['withinDays', 'olderThanDays', 'nextDays']);
const EVENT_OPTIONS = (Object.keys(BEHAVIOUR_EVENT_LABELS) as BehaviourEventType[]).map((e) => ({ value: e, label: BEHAVIOUR_EVENT_LABELS[e] }));
const TAG_OPS: { value: TagCondition['op']; label: string }[] = [
  { value: 'hasAny', label: '含任一标签' },
  { value: 'hasAll', label: '含全部标签' },
  { value: 'hasNone', label: '不含标签' },
];

const spec = (field: FactField): FactFieldSpec => FACT_FIELDS[field];

type Shape = 'none' | 'days' | 'pair' | 'list' | 'scalar';
function shapeOf(op: string): Shape {
  if (op === 'isNull' || op === 'notNull') return 'none';
  if (DAY_OPS.has(op)) return 'days';
  if (op === 'between') return 'pair';
  if (op === 'in' || op === 'nin') return 'list';
  return 'scalar';
}

/** The value a condition starts with after its field or operator changed: kept when it still fits. */
function valueFor(kind: FactFieldSpec['kind'], op: string, previous: FactCondition | null): unknown {
  const shape = shapeOf(op);
  if (previous && spec(previous.field).kind === kind && shapeOf(previous.op) === shape) return previous.value;
  if (shape === 'days') return 30;
  if (shape === 'list') return [];
  if (kind === 'boolean') return true;
  return undefined;
}

export const newFactCondition = (field: FactField = 'province'): FactCondition => {
  const op = FACT_OPERATORS[spec(field).kind][0];
  return { kind: 'fact', field, op, value: valueFor(spec(field).kind, op, null) };
};
export const newEventCondition = (): EventCondition => ({ kind: 'event', event: 'favourite', withinDays: 30, op: 'gte', count: 1 });
export const newTagCondition = (): TagCondition => ({ kind: 'tag', op: 'hasAny', tagIds: [] });
export const newGroup = (match: SegmentGroup['match'] = 'all', conditions: SegmentCondition[] = [newFactCondition()]): SegmentGroup => ({
  kind: 'group',
  match,
  conditions,
});

export interface BuilderContext {
  tags: TagView[];
  groups: TagGroupView[];
  stores: { value: number; label: string }[];
}

/** A yuan amount typed into a list (属于) as fen, or a whole number. */
function parseListItem(text: string, fen: boolean): number | null {
  if (fen) return parseYuan(text.trim());
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}

function NumberValue({
  field,
  op,
  value,
  onChange,
  ctx,
}: {
  field: FactField;
  op: string;
  value: unknown;
  onChange: (v: unknown) => void;
  ctx: BuilderContext;
}) {
  const s = spec(field);
  const fen = 'fen' in s && s.fen === true;
  const choices = field === 'birthdayMonth' ? MONTH_OPTIONS : field === 'storeId' ? ctx.stores : null;
  const one = (v: unknown, set: (n: number | null) => void, testId?: string) =>
    choices ? (
      <Select style={{ width: 160 }} placeholder='请选择' options={choices} value={v as number | undefined} onChange={set} data-testid={testId} />
    ) : fen ? (
      <YuanInput value={v as number | undefined} onChange={set} data-testid={testId} />
    ) : (
      <InputNumber<number> style={{ width: 140 }} precision={0} min={0} value={v as number | undefined} onChange={set} data-testid={testId} />
    );
  if (shapeOf(op) === 'pair') {
    const pair = Array.isArray(value) ? (value as (number | null)[]) : [null, null];
    return (
      <Space>
        {one(pair[0] ?? undefined, (n) => onChange([n, pair[1] ?? null]))}
        <Typography.Text type='secondary'>至</Typography.Text>
        {one(pair[1] ?? undefined, (n) => onChange([pair[0] ?? null, n]))}
      </Space>
    );
  }
  if (shapeOf(op) === 'list') {
    const list = Array.isArray(value) ? (value as number[]) : [];
    if (choices) return <Select mode='multiple' style={{ minWidth: 240 }} placeholder='请选择' options={choices} value={list} onChange={onChange} />;
    return (
      <Select
        mode='tags'
        style={{ minWidth: 240 }}
        placeholder={fen ? '输入金额（元）后回车' : '输入数值后回车'}
        open={false}
        value={list.map((n) => (fen ? hundredthsText(n) : String(n)))}
        onChange={(texts: string[]) => onChange(texts.map((t) => parseListItem(t, fen)).filter((n): n is number => n !== null))}
      />
    );
  }
  return one(value, (n) => onChange(n ?? undefined), 'fact-value');
}

function DateValue({ op, value, onChange }: { op: string; value: unknown; onChange: (v: unknown) => void }) {
  if (shapeOf(op) === 'days')
    return (
      <InputNumber<number>
        style={{ width: 140 }}
        precision={0}
        min={0}
        max={SEGMENT_LIMITS.maxDays}
        addonAfter='天'
        value={value as number | undefined}
        onChange={(n) => onChange(n ?? undefined)}
        data-testid='fact-days'
      />
    );
  const pair = Array.isArray(value) ? (value as string[]) : null;
  return (
    <DatePicker.RangePicker
      value={pair ? [dayjs(beijingDate(pair[0])), dayjs(beijingDate(pair[1]))] : null}
      onChange={(days) =>
        onChange(
          days?.[0] && days[1] ? [beijingDayStart(days[0].format('YYYY-MM-DD')).toISOString(), beijingEndOfDay(days[1].format('YYYY-MM-DD'))] : undefined,
        )
      }
    />
  );
}

function FactEditor({ condition, onChange, ctx }: { condition: FactCondition; onChange: (c: FactCondition) => void; ctx: BuilderContext }) {
  const s = spec(condition.field);
  const shape = shapeOf(condition.op);
  const set = (value: unknown) => onChange({ ...condition, value });
  let input: ReactNode = null;
  if (shape !== 'none') {
    if (s.kind === 'number') input = <NumberValue field={condition.field} op={condition.op} value={condition.value} onChange={set} ctx={ctx} />;
    else if (s.kind === 'date') input = <DateValue op={condition.op} value={condition.value} onChange={set} />;
    else if (s.kind === 'boolean')
      input = (
        <Select
          style={{ width: 100 }}
          value={condition.value as boolean}
          onChange={set}
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      );
    else if (s.kind === 'enum') {
      const options = Object.entries(s.options ?? {}).map(([value, label]) => ({ value, label }));
      input =
        shape === 'list' ? (
          <Select mode='multiple' style={{ minWidth: 240 }} placeholder='请选择' options={options} value={condition.value as string[]} onChange={set} />
        ) : (
          <Select style={{ width: 160 }} placeholder='请选择' options={options} value={condition.value as string | undefined} onChange={set} />
        );
    } else
      input =
        shape === 'list' ? (
          <Select mode='tags' open={false} style={{ minWidth: 240 }} placeholder='输入后回车，可多个' value={condition.value as string[]} onChange={set} />
        ) : (
          <Input
            style={{ width: 180 }}
            maxLength={64}
            placeholder={condition.field === 'province' ? '如：北京市' : '请输入'}
            value={(condition.value as string | undefined) ?? ''}
            onChange={(e) => set(e.target.value.trim() ? e.target.value.trim() : undefined)}
            data-testid='fact-text'
          />
        );
  }
  return (
    <Space wrap>
      <Select<FactField>
        style={{ width: 160 }}
        showSearch
        optionFilterProp='label'
        options={FIELD_OPTIONS}
        value={condition.field}
        onChange={(field) => {
          const kind = spec(field).kind;
          const op = FACT_OPERATORS[kind].includes(condition.op) ? condition.op : FACT_OPERATORS[kind][0];
          onChange({ kind: 'fact', field, op, value: valueFor(kind, op, kind === s.kind && field === condition.field ? condition : null) });
        }}
        data-testid='fact-field'
      />
      <Select
        style={{ width: 130 }}
        options={FACT_OPERATORS[s.kind].map((op) => ({ value: op, label: OPERATOR_LABELS[op] ?? op }))}
        value={condition.op}
        onChange={(op) => onChange({ ...condition, op, value: valueFor(s.kind, op, condition) })}
        data-testid='fact-op'
      />
      {input}
    </Space>
  );
}

function EventEditor({ condition, onChange }: { condition: EventCondition; onChange: (c: EventCondition) => void }) {
  return (
    <Space wrap>
      <Typography.Text>最近</Typography.Text>
      <InputNumber<number>
        style={{ width: 90 }}
        precision={0}
        min={1}
        max={365}
        value={condition.withinDays}
        onChange={(n) => onChange({ ...condition, withinDays: n ?? 0 })}
        data-testid='event-days'
      />
      <Typography.Text>天</Typography.Text>
      <Select<BehaviourEventType>
        style={{ width: 130 }}
        options={EVENT_OPTIONS}
        value={condition.event}
        onChange={(event) => onChange({ ...condition, event })}
        data-testid='event-type'
      />
      <Select
        style={{ width: 90 }}
        value={condition.op ?? 'gte'}
        onChange={(op: 'gte' | 'lt') => onChange({ ...condition, op })}
        options={[
          { value: 'gte', label: '至少' },
          { value: 'lt', label: '少于' },
        ]}
      />
      <InputNumber<number>
        style={{ width: 90 }}
        precision={0}
        min={0}
        max={10_000}
        value={condition.count ?? 1}
        onChange={(n) => onChange({ ...condition, count: n ?? 0 })}
      />
      <Typography.Text>次</Typography.Text>
      {condition.event !== 'search' && condition.event !== 'visit' && (
        <InputNumber<number>
          style={{ width: 150 }}
          precision={0}
          min={1}
          placeholder='商品 ID（可选）'
          value={condition.objectId}
          onChange={(n) => {
            const next = { ...condition };
            if (n) next.objectId = n;
            else delete next.objectId;
            onChange(next);
          }}
        />
      )}
    </Space>
  );
}

function TagEditor({ condition, onChange, ctx }: { condition: TagCondition; onChange: (c: TagCondition) => void; ctx: BuilderContext }) {
  const groupName = (id: number) => ctx.groups.find((g) => g.id === id)?.name ?? '未分组';
  const byGroup = new Map<string, TagView[]>();
  for (const t of ctx.tags) byGroup.set(groupName(t.groupId), [...(byGroup.get(groupName(t.groupId)) ?? []), t]);
  return (
    <Space wrap>
      <Select style={{ width: 130 }} options={TAG_OPS} value={condition.op} onChange={(op) => onChange({ ...condition, op })} />
      <Select
        mode='multiple'
        style={{ minWidth: 280 }}
        placeholder='选择标签'
        optionFilterProp='label'
        value={condition.tagIds}
        onChange={(tagIds: number[]) => onChange({ ...condition, tagIds })}
        options={[...byGroup].map(([label, tags]) => ({ label, options: tags.map((t) => ({ value: t.id, label: t.name })) }))}
        data-testid='tag-select'
      />
    </Space>
  );
}

const KIND_LABEL: Record<Exclude<SegmentCondition['kind'], 'group'>, string> = { fact: '属性', event: '行为', tag: '标签' };

/** One AND/OR group: its conditions, nested groups, and buttons to add more. */
export function GroupEditor({
  group,
  onChange,
  onRemove,
  ctx,
  depth = 1,
}: {
  group: SegmentGroup;
  onChange: (g: SegmentGroup) => void;
  onRemove?: () => void;
  ctx: BuilderContext;
  depth?: number;
}) {
  const setAt = (i: number, c: SegmentCondition) => onChange({ ...group, conditions: group.conditions.map((x, j) => (j === i ? c : x)) });
  const removeAt = (i: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  const add = (c: SegmentCondition) => onChange({ ...group, conditions: [...group.conditions, c] });
  const joiner = group.match === 'all' ? '且' : '或';
  return (
    <div
      data-testid={`segment-group-${depth}`}
      style={{
        borderLeft: `3px solid ${group.match === 'all' ? '#A67C3D' : '#1677ff'}`,
        background: depth % 2 === 1 ? '#fafafa' : '#fff',
        padding: '12px 12px 12px 16px',
        borderRadius: 6,
      }}
    >
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Typography.Text strong>满足</Typography.Text>
          <Radio.Group
            size='small'
            optionType='button'
            buttonStyle='solid'
            value={group.match}
            onChange={(e) => onChange({ ...group, match: e.target.value as SegmentGroup['match'] })}
            options={[
              { value: 'all', label: '全部条件（且）' },
              { value: 'any', label: '任一条件（或）' },
            ]}
          />
        </Space>
        {onRemove && (
          <Button size='small' type='text' danger icon={<DeleteOutlined />} onClick={onRemove}>
            删除条件组
          </Button>
        )}
      </Space>
      <Space direction='vertical' style={{ width: '100%' }}>
        {group.conditions.map((c, i) => (
          <div key={i} style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }} data-testid='segment-condition'>
            <Typography.Text type='secondary' style={{ width: 28, lineHeight: '32px', flex: 'none' }}>
              {i === 0 ? '' : joiner}
            </Typography.Text>
            <div style={{ flex: 1 }}>
              {c.kind === 'group' ? (
                <GroupEditor group={c} depth={depth + 1} ctx={ctx} onChange={(g) => setAt(i, g)} onRemove={() => removeAt(i)} />
              ) : (
                <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
                  <Typography.Text type='secondary' style={{ lineHeight: '32px', width: 28, flex: 'none' }}>
                    {KIND_LABEL[c.kind]}
                  </Typography.Text>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    {c.kind === 'fact' && <FactEditor condition={c} onChange={(x) => setAt(i, x)} ctx={ctx} />}
                    {c.kind === 'event' && <EventEditor condition={c} onChange={(x) => setAt(i, x)} />}
                    {c.kind === 'tag' && <TagEditor condition={c} onChange={(x) => setAt(i, x)} ctx={ctx} />}
                  </div>
                  <Tooltip title='删除条件'>
                    <Button type='text' icon={<DeleteOutlined />} onClick={() => removeAt(i)} aria-label='删除条件' />
                  </Tooltip>
                </div>
              )}
            </div>
          </div>
        ))}
      </Space>
      <Space style={{ marginTop: 12 }} wrap>
        <Button size='small' icon={<PlusOutlined />} onClick={() => add(newFactCondition())} data-testid='add-fact'>
          属性条件
        </Button>
        <Button size='small' icon={<PlusOutlined />} onClick={() => add(newEventCondition())} data-testid='add-event'>
          行为条件
        </Button>
        <Button size='small' icon={<PlusOutlined />} onClick={() => add(newTagCondition())} data-testid='add-tag'>
          标签条件
        </Button>
        {depth < SEGMENT_LIMITS.maxDepth && (
          <Button size='small' icon={<PlusOutlined />} onClick={() => add(newGroup(group.match === 'all' ? 'any' : 'all'))} data-testid='add-group'>
            条件组
          </Button>
        )}
      </Space>
    </div>
  );
}
