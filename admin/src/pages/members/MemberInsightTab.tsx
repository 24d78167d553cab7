import { useState } from 'react';
import { CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import {
  BEHAVIOUR_EVENT_LABELS,
  FACT_FIELDS,
  LIFECYCLE_LABELS,
  RFM_LABELS,
  VISIT_SOURCE_LABELS,
  type FactField,
  type FactFieldSpec,
  type MemberCampaignDeliveryView,
  type MemberEventView,
  type MemberFactsView,
} from '@mall/shared';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useStoreOptions } from '../../components/use-stores';
import { dateTime, yuan } from '../../services/format';
import { fetchMemberCampaigns } from '../../services/campaigns';
import { assignTag, fetchMemberEvents, fetchMemberInsight, fetchTags, removeTag } from '../../services/insight';
import { FIELD_GROUPS } from '../insight/SegmentBuilder';

const LIFECYCLE_COLORS: Record<string, string> = { prospect: 'default', new: 'blue', repeat: 'geekblue', member: 'gold', dormant: 'orange', lost: 'red' };

/** A fact as an operator reads it: yuan for money, Beijing time for instants, labels for enums. */
function factText(field: FactField, facts: MemberFactsView, storeName: (id: number) => string): string {
  const value = facts[field];
  const spec: FactFieldSpec = FACT_FIELDS[field];
  if (value === null || value === undefined) return '-';
  if (field === 'storeId') return storeName(value as number);
  if (field === 'birthdayMonth') return `${value as number} 月`;
  if (field === 'tierLevel') return `L${value as number}`;
  if (spec.fen) return yuan(value as number);
  switch (spec.kind) {
    case 'date':
      return dateTime(value as string);
    case 'boolean':
      return value ? '是' : '否';
    case 'enum':
      return spec.options?.[value as string] ?? String(value);
    default:
      return String(value);
  }
}

const OUTCOME_TAGS: Record<MemberCampaignDeliveryView['outcome'], { color: string; text: string }> = {
  pending: { color: 'processing', text: '发送中' },
  done: { color: 'success', text: '已送达' },
  failed: { color: 'error', text: '失败' },
};

/** 'once' for a one-off run; what fired a trigger otherwise (a year, a day, an order…). */
function occurrenceText(o: string): string {
  if (o === 'once') return '单次发送';
  if (o === 'first') return '首单';
  if (o === 'join') return '海报加入';
  if (o.startsWith('enter:')) return `进入阶段 ${o.slice(6)}`;
  return `触发 ${o}`;
}

/** 收到的活动: every campaign delivery of the member, the control group included (held out: nothing was sent). */
function MemberCampaignsCard({ memberId }: { memberId: number }) {
  const list = useLoad(() => fetchMemberCampaigns(memberId), [memberId]);
  return (
    <Card size='small' title='收到的活动'>
      <Table<MemberCampaignDeliveryView>
        data-testid='member-campaigns'
        rowKey='id'
        size='small'
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description='还没有收到过营销活动' /> }}
        columns={[
          { title: '活动', dataIndex: 'campaignName', render: (v: string, d) => <span data-testid={`member-campaign-${d.campaignId}`}>{v}</span> },
          { title: '场次', dataIndex: 'occurrence', width: 140, render: (v: string) => occurrenceText(v) },
          {
            title: '分组',
            dataIndex: 'cohort',
            width: 90,
            render: (_, d) => (d.cohort === 'control' ? <Tag>对照组</Tag> : <Tag color='blue'>目标组</Tag>),
          },
          { title: '时间', dataIndex: 'deliveredAt', width: 150, render: (v: string) => dateTime(v) },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 200,
            render: (_, d) =>
              d.cohort === 'control' ? (
                <Typography.Text type='secondary'>未发送（对照）</Typography.Text>
              ) : (
                <Space size={4}>
                  <Tag color={OUTCOME_TAGS[d.outcome].color}>{OUTCOME_TAGS[d.outcome].text}</Tag>
                  {d.error && (
                    <Typography.Text type='danger' ellipsis={{ tooltip: d.error }} style={{ maxWidth: 120 }}>
                      {d.error}
                    </Typography.Text>
                  )}
                </Space>
              ),
          },
          { title: '已打开', dataIndex: 'openedAt', width: 150, render: (v: string | null) => (v ? dateTime(v) : '-') },
        ]}
      />
    </Card>
  );
}

function eventText(e: MemberEventView): string {
  const what = BEHAVIOUR_EVENT_LABELS[e.type] ?? e.type;
  if (e.type === 'search') return `${what}「${e.term ?? ''}」`;
  if (e.type === 'visit') return `${what}${e.source ? `（来源：${VISIT_SOURCE_LABELS[e.source] ?? e.source}）` : ''}${e.term ? ` · ${e.term}` : ''}`;
  return `${what}：${e.objectName ?? (e.objectId ? `商品 #${e.objectId}（已下架）` : '')}`;
}

/** 用户画像: the member's kept facts, lifecycle, RFM band, tags (manual ones editable) and recent behaviour. */
export function MemberInsightTab({ memberId }: { memberId: number }) {
  const run = useAction();
  const insight = useLoad(() => fetchMemberInsight(memberId), [memberId]);
  const events = useLoad(() => fetchMemberEvents(memberId, 50), [memberId]);
  const tags = useLoad(fetchTags);
  const stores = useStoreOptions();
  const [adding, setAdding] = useState<number | undefined>();
  const storeName = (id: number) => stores.items.find((s) => s.id === id)?.name ?? `门店 #${id}`;

  if (!insight.data) return <Spin spinning={insight.loading} style={{ display: 'block', margin: 40 }} />;
  const { facts, tags: mine } = insight.data;
  const manual = (tags.data?.items ?? []).filter((t) => t.kind === 'manual');
  const addable = manual.filter((t) => !mine.some((m) => m.id === t.id));

  return (
    <Space direction='vertical' size='middle' style={{ width: '100%' }} data-testid='member-insight'>
      {facts ? (
        <Space size='large' wrap>
          <Space>
            <Typography.Text type='secondary'>生命周期</Typography.Text>
            <Tag color={LIFECYCLE_COLORS[facts.lifecycle]} data-testid='insight-lifecycle'>
              {LIFECYCLE_LABELS[facts.lifecycle]}
            </Tag>
          </Space>
          <Space>
            <Typography.Text type='secondary'>RFM 分层</Typography.Text>
            <Tag color={facts.rfm.startsWith('important') ? 'gold' : 'default'} data-testid='insight-rfm'>
              {RFM_LABELS[facts.rfm]}
            </Tag>
          </Space>
          <Typography.Text type='secondary'>画像更新于 {dateTime(facts.refreshedAt)}</Typography.Text>
        </Space>
      ) : (
        <Alert type='info' showIcon message='该会员的画像数据尚未生成（每晚刷新，或在会员有新行为后生成）' />
      )}

      <Card size='small' title='标签'>
        <Space wrap data-testid='insight-tags'>
          {mine.length === 0 && <Typography.Text type='secondary'>暂无标签</Typography.Text>}
          {mine.map((t) =>
            t.kind === 'system' ? (
              <Tag key={t.id} color='blue'>
                {t.name}
              </Tag>
            ) : (
              <Tag
                key={t.id}
                color='gold'
                closable
                onClose={(e) => e.preventDefault()}
                closeIcon={
                  <Popconfirm
                    title={`移除标签「${t.name}」？`}
                    okText='移除'
                    onConfirm={async () => {
                      if (await run(() => removeTag(t.id, [memberId]), '标签已移除')) void insight.reload();
                    }}
                  >
                    <CloseOutlined aria-label={`移除标签${t.name}`} />
                  </Popconfirm>
                }
                data-testid={`manual-tag-${t.id}`}
              >
                {t.name}
              </Tag>
            ),
          )}
          <Select
            style={{ width: 180 }}
            size='small'
            placeholder='添加手动标签'
            value={adding}
            onChange={setAdding}
            options={addable.map((t) => ({ value: t.id, label: t.name }))}
            showSearch
            optionFilterProp='label'
            notFoundContent='没有可添加的标签'
            data-testid='add-member-tag'
          />
          <Button
            size='small'
            type='primary'
            disabled={!adding}
            onClick={async () => {
              if (adding && (await run(() => assignTag(adding, { memberIds: [memberId] }), '标签已添加'))) {
                setAdding(undefined);
                void insight.reload();
              }
            }}
          >
            添加
          </Button>
        </Space>
      </Card>

      {facts &&
        FIELD_GROUPS.map((g) => (
          <Card key={g.label} size='small' title={g.label}>
            <Descriptions column={3} size='small'>
              {g.fields.map((f) => (
                <Descriptions.Item key={f} label={FACT_FIELDS[f].label}>
                  <span data-testid={`fact-${f}`}>{factText(f, facts, storeName)}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        ))}

      <MemberCampaignsCard memberId={memberId} />

      <Card size='small' title='最近行为' loading={events.loading}>
        {events.data?.items.length ? (
          <Timeline
            data-testid='insight-timeline'
            items={events.data.items.map((e) => ({
              key: e.id,
              color: e.type === 'favourite' ? 'red' : e.type === 'cart' ? 'green' : e.type === 'visit' ? 'gray' : 'blue',
              children: (
                <Space>
                  <Typography.Text type='secondary' style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {dateTime(e.occurredAt)}
                  </Typography.Text>
                  <Typography.Text>{eventText(e)}</Typography.Text>
                </Space>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description='暂无行为记录' />
        )}
      </Card>
    </Space>
  );
}
