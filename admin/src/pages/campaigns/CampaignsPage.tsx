import { lazy, Suspense, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Drawer, Popconfirm, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  DrawerForm,
  ProForm,
  ProFormDateTimePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormList,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  type ActionType,
} from '@ant-design/pro-components';
import {
  CAMPAIGN_ACTION_LABELS,
  CAMPAIGN_STATES,
  CAMPAIGN_TRIGGER_LABELS,
  formatYuan,
  LIFECYCLE_LABELS,
  validateCampaign,
  type CampaignAction,
  type CampaignMove,
  type CampaignSchedule,
  type CampaignStatus,
  type CampaignView,
  type CouponTemplateView,
  type Fen,
} from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { fetchSegments } from '../../services/insight';
import { createCampaign, fetchCampaign, fetchCampaigns, moveCampaign, runDueCampaigns, updateCampaign } from '../../services/campaigns';
import { EMPTY_CAMPAIGN, toCampaignForm, toCampaignInput, type CampaignForm } from './campaign-form';

/** The charting library is large: loaded when a results drawer first opens, not with the campaign list. */
const CampaignResultCharts = lazy(() => import('./CampaignResultCharts').then((m) => ({ default: m.CampaignResultCharts })));

const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  running: 'green',
  paused: 'orange',
  finished: 'purple',
  cancelled: 'red',
};

/** The moves each status offers, in button order. */
const MOVES: Record<CampaignStatus, { action: CampaignMove; label: string; confirm?: string }[]> = {
  draft: [
    { action: 'launch', label: '启动', confirm: '启动后将按计划向目标人群发放，确定启动？' },
    { action: 'cancel', label: '取消', confirm: '取消这个活动？' },
  ],
  scheduled: [{ action: 'cancel', label: '取消', confirm: '取消这个活动？' }],
  running: [{ action: 'pause', label: '暂停' }],
  paused: [
    { action: 'resume', label: '恢复' },
    { action: 'cancel', label: '取消', confirm: '取消这个活动？' },
  ],
  finished: [],
  cancelled: [],
};

export function scheduleText(s: CampaignSchedule): string {
  if (s.kind === 'now') return '立即';
  if (s.kind === 'at') return `定时 ${dateTime(s.at)}`;
  const t = s.trigger;
  const label = CAMPAIGN_TRIGGER_LABELS[t.kind];
  if (t.kind === 'days_after_last_order') return `触发：最近下单 ${t.days} 天后`;
  if (t.kind === 'lifecycle_enter') return `触发：进入「${LIFECYCLE_LABELS[t.stage]}」`;
  if (t.kind === 'date') return `触发：每年 ${t.monthDay}`;
  return `触发：${label}`;
}

function actionText(a: CampaignAction, coupons: Map<number, string>): string {
  const label = CAMPAIGN_ACTION_LABELS[a.type];
  switch (a.type) {
    case 'coupon':
      return `${label}「${coupons.get(a.couponTemplateId) ?? `#${a.couponTemplateId}`}」`;
    case 'points':
      return `${label} ${a.points}`;
    case 'benefit':
      return `${label} ${a.days} 天`;
    case 'banner':
      return `${a.kind === 'popup' ? '弹窗' : '横幅'}「${a.title}」`;
    case 'task':
      return `${label}：${a.reason}`;
    default:
      return label;
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Target vs control of one campaign. */
function ResultsDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useLoad(() => (id ? fetchCampaign(id) : Promise.resolve(null)), [id]);
  const d = detail.data;
  const r = d?.results;
  return (
    <Drawer open={id !== null} onClose={onClose} width={880} title={d ? `活动效果：${d.name}` : '活动效果'} destroyOnClose>
      {d && r && (
        <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='campaign-results'>
          <Descriptions column={1} size='small' bordered>
            <Descriptions.Item label='状态'>
              <Tag color={STATUS_COLORS[d.status]}>{d.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label='目标人群'>{d.segment ? `${d.segment.name}（${d.segment.description}）` : '触发时的会员'}</Descriptions.Item>
            <Descriptions.Item label='执行方式'>{scheduleText(d.schedule)}</Descriptions.Item>
            <Descriptions.Item label='对照组 / 归因'>
              {d.controlPercent}% 对照组，下单归因 {d.attributionDays} 天
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title='转化提升' value={`${r.uplift >= 0 ? '+' : ''}${pct(r.uplift)}`} valueStyle={{ color: r.uplift >= 0 ? '#389e0d' : '#cf1322' }} />
            </Col>
            <Col span={8}>
              <div data-testid='campaign-reached'>
                <Statistic title='已触达' value={r.target.reached} suffix={r.target.failed ? `（失败 ${r.target.failed}）` : undefined} />
              </div>
            </Col>
            <Col span={8}>
              <Statistic title='优惠券已使用' value={r.couponsUsed} />
            </Col>
          </Row>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 24 }} />}>
            <CampaignResultCharts results={r} />
          </Suspense>
          <Row gutter={16}>
            {(
              [
                ['目标组', r.target],
                ['对照组', r.control],
              ] as const
            ).map(([title, g]) => (
              <Col span={12} key={title}>
                <Card size='small' title={title}>
                  <Descriptions column={1} size='small'>
                    <Descriptions.Item label='人数'>{g.members}</Descriptions.Item>
                    {'reached' in g && <Descriptions.Item label='触达 / 打开'>{`${g.reached} / ${g.opened}`}</Descriptions.Item>}
                    <Descriptions.Item label='下单人数'>{g.ordered}</Descriptions.Item>
                    <Descriptions.Item label='订单数'>{g.orders}</Descriptions.Item>
                    <Descriptions.Item label='成交额'>¥{formatYuan(g.gmvFen as Fen)}</Descriptions.Item>
                    <Descriptions.Item label='转化率'>{pct(g.conversion)}</Descriptions.Item>
                  </Descriptions>
                </Card>
              </Col>
            ))}
          </Row>
          <Button onClick={() => void detail.reload()}>刷新</Button>
        </Space>
      )}
    </Drawer>
  );
}

/** The fields of one action row, by its type. */
function ActionFields({ type, coupons }: { type: CampaignAction['type'] | undefined; coupons: { label: string; value: number }[] }) {
  switch (type) {
    case 'coupon':
      return <ProFormSelect name='couponTemplateId' label='优惠券' options={coupons} width='md' showSearch rules={[{ required: true }]} />;
    case 'points':
      return <ProFormDigit name='points' label='积分' min={1} max={100000} fieldProps={{ precision: 0 }} width='sm' rules={[{ required: true }]} />;
    case 'benefit':
      return <ProFormDigit name='days' label='权益天数' min={1} max={366} fieldProps={{ precision: 0 }} width='sm' rules={[{ required: true }]} />;
    case 'subscribe':
      return (
        <ProForm.Group>
          <ProFormText name='title' label='消息标题' width='sm' fieldProps={{ maxLength: 20 }} rules={[{ required: true }]} />
          <ProFormText name='note' label='消息内容' width='md' fieldProps={{ maxLength: 20 }} rules={[{ required: true }]} />
        </ProForm.Group>
      );
    case 'sms':
      return <ProFormTextArea name='text' label='短信内容' fieldProps={{ maxLength: 70, showCount: true }} rules={[{ required: true }]} />;
    case 'banner':
      return (
        <>
          <ProForm.Group>
            <ProFormRadio.Group
              name='kind'
              label='形式'
              radioType='button'
              options={[
                { value: 'popup', label: '弹窗' },
                { value: 'banner', label: '横幅' },
              ]}
            />
            <ProFormDigit name='days' label='展示天数' min={1} max={90} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
          </ProForm.Group>
          <ProFormText name='title' label='标题' fieldProps={{ maxLength: 20 }} rules={[{ required: true }]} />
          <ProFormTextArea name='body' label='内容' fieldProps={{ maxLength: 100, showCount: true }} />
          <ProFormText name='link' label='跳转页面' placeholder='/subpackages/coupon/pages/mine/index' />
        </>
      );
    case 'task':
      return (
        <>
          <ProForm.Group>
            <ProFormText name='reason' label='跟进原因' width='md' fieldProps={{ maxLength: 40 }} rules={[{ required: true }]} />
            <ProFormDigit name='dueDays' label='几天内完成' min={1} max={30} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
          </ProForm.Group>
          <ProFormTextArea name='script' label='话术' fieldProps={{ maxLength: 200, showCount: true }} />
        </>
      );
    default:
      return null;
  }
}

function CampaignEditor({
  campaign,
  trigger,
  coupons,
  segments,
  onSaved,
}: {
  campaign: CampaignView | null;
  trigger: JSX.Element;
  coupons: { label: string; value: number }[];
  segments: { label: string; value: number }[];
  onSaved: () => void;
}) {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <DrawerForm<CampaignForm>
      title={campaign ? `编辑活动：${campaign.name}` : '新建营销活动'}
      trigger={trigger}
      width={720}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      initialValues={campaign ? toCampaignForm(campaign) : EMPTY_CAMPAIGN}
      onFinish={async (v) => {
        const input = toCampaignInput(v);
        const errors = validateCampaign(input, new Date());
        if (errors.length > 0) {
          void message.error(errors.map((e) => e.message).join('；'));
          return false;
        }
        const done = await run(() => (campaign ? updateCampaign(campaign.id, input) : createCampaign(input)), campaign ? '活动已保存' : '活动已创建（草稿）');
        if (done) onSaved();
        return done;
      }}
    >
      <ProFormText name='name' label='活动名称' rules={[{ required: true, max: 40 }]} />
      <ProFormSelect name='segmentId' label='目标人群' options={segments} placeholder='选择已保存的分群（触发型活动可不选）' allowClear />
      <ProFormRadio.Group
        name='scheduleKind'
        label='执行方式'
        radioType='button'
        options={[
          { value: 'now', label: '立即' },
          { value: 'at', label: '定时' },
          { value: 'trigger', label: '触发' },
        ]}
      />
      <ProFormDependency name={['scheduleKind', 'triggerKind']}>
        {({ scheduleKind, triggerKind }) =>
          scheduleKind === 'at' ? (
            <ProFormDateTimePicker name='at' label='开始时间' rules={[{ required: true }]} />
          ) : scheduleKind === 'trigger' ? (
            <ProForm.Group>
              <ProFormSelect
                name='triggerKind'
                label='触发条件'
                width='sm'
                rules={[{ required: true }]}
                options={Object.entries(CAMPAIGN_TRIGGER_LABELS).map(([value, label]) => ({ value, label }))}
              />
              {triggerKind === 'days_after_last_order' && (
                <ProFormDigit name='triggerDays' label='天数' min={1} max={365} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
              )}
              {triggerKind === 'lifecycle_enter' && (
                <ProFormSelect
                  name='triggerStage'
                  label='阶段'
                  width='sm'
                  rules={[{ required: true }]}
                  options={Object.entries(LIFECYCLE_LABELS).map(([value, label]) => ({ value, label }))}
                />
              )}
              {triggerKind === 'date' && (
                <ProFormText name='triggerMonthDay' label='日期（MM-DD）' width='xs' placeholder='01-01' rules={[{ required: true }]} />
              )}
            </ProForm.Group>
          ) : null
        }
      </ProFormDependency>
      <ProFormList
        name='actions'
        label='动作（1–5 个）'
        max={5}
        min={1}
        creatorButtonProps={{ creatorButtonText: '添加动作' }}
        creatorRecord={{ type: 'coupon' }}
        alwaysShowItemLabel
        itemContainerRender={(dom) => (
          <Card size='small' style={{ marginBottom: 8, width: 560 }}>
            {dom}
          </Card>
        )}
      >
        <ProFormSelect
          name='type'
          label='动作'
          width='sm'
          options={Object.entries(CAMPAIGN_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          rules={[{ required: true }]}
        />
        <ProFormDependency name={['type']}>{({ type }) => <ActionFields type={type} coupons={coupons} />}</ProFormDependency>
      </ProFormList>
      <ProForm.Group>
        <ProFormDigit name='controlPercent' label='对照组 %' min={0} max={50} fieldProps={{ precision: 0 }} width='xs' />
        <ProFormDigit name='attributionDays' label='归因天数' min={1} max={30} fieldProps={{ precision: 0 }} width='xs' />
        <ProFormDigit name='throttlePerMinute' label='每分钟最多发送' min={1} max={10000} fieldProps={{ precision: 0 }} width='xs' />
      </ProForm.Group>
    </DrawerForm>
  );
}

export default function CampaignsPage() {
  const table = useRef<ActionType>();
  const run = useAction();
  const [resultsOf, setResultsOf] = useState<number | null>(null);
  const options = useLoad(async () => {
    const [segments, coupons] = await Promise.all([fetchSegments(), http<{ items: CouponTemplateView[] }>('/api/admin/coupon-templates')]);
    return {
      segments: segments.items.map((s) => ({ label: s.name, value: s.id })),
      coupons: coupons.items.map((c) => ({ label: `${c.name}（${c.text}）`, value: c.id })),
    };
  });
  const segments = options.data?.segments ?? [];
  const coupons = options.data?.coupons ?? [];
  const couponNames = new Map(coupons.map((c) => [c.value, c.label]));
  const segmentNames = new Map(segments.map((s) => [s.value, s.label]));
  const reload = () => void table.current?.reload();

  return (
    <Card title='营销活动'>
      <AdminTable<CampaignView>
        tableKey='campaigns'
        actionRef={table}
        headerTitle='活动列表'
        toolBarRender={() => [
          <Button
            key='run'
            icon={<ThunderboltOutlined />}
            onClick={async () => (await run(runDueCampaigns, '已执行到期活动')) && reload()}
            data-testid='run-due'
          >
            立即执行
          </Button>,
          <CampaignEditor
            key='new'
            campaign={null}
            coupons={coupons}
            segments={segments}
            onSaved={reload}
            trigger={
              <Button type='primary' icon={<PlusOutlined />} data-testid='new-campaign'>
                新建活动
              </Button>
            }
          />,
        ]}
        request={() => allRows(fetchCampaigns())}
        columns={[
          { title: '名称', dataIndex: 'name', width: 180, render: (_, c) => <a onClick={() => setResultsOf(c.id)}>{c.name}</a> },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (_, c) => (
              <Tag color={STATUS_COLORS[c.status]} data-testid={`campaign-status-${c.id}`}>
                {CAMPAIGN_STATES.labels[c.status]}
              </Tag>
            ),
          },
          { title: '人群', dataIndex: 'segmentId', width: 140, render: (_, c) => (c.segmentId ? (segmentNames.get(c.segmentId) ?? `#${c.segmentId}`) : '-') },
          { title: '执行', dataIndex: 'schedule', width: 200, render: (_, c) => scheduleText(c.schedule) },
          {
            title: '动作',
            dataIndex: 'actions',
            render: (_, c) => (
              <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                {c.actions.map((a) => actionText(a, couponNames)).join('，')}
              </Typography.Text>
            ),
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (_, c) => dateTime(c.createdAt) },
          {
            title: '操作',
            valueType: 'option',
            width: 220,
            render: (_, c) => [
              <a key='results' onClick={() => setResultsOf(c.id)}>
                效果
              </a>,
              c.status === 'draft' && <CampaignEditor key='edit' campaign={c} coupons={coupons} segments={segments} onSaved={reload} trigger={<a>编辑</a>} />,
              ...MOVES[c.status].map((m) =>
                m.confirm ? (
                  <Popconfirm
                    key={m.action}
                    title={m.confirm}
                    onConfirm={async () => (await run(() => moveCampaign(c.id, m.action), `已${m.label}`)) && reload()}
                  >
                    <a style={m.action === 'cancel' ? { color: '#ff4d4f' } : undefined}>{m.label}</a>
                  </Popconfirm>
                ) : (
                  <a key={m.action} onClick={async () => (await run(() => moveCampaign(c.id, m.action), `已${m.label}`)) && reload()}>
                    {m.label}
                  </a>
                ),
              ),
            ],
          },
        ]}
      />
      <ResultsDrawer id={resultsOf} onClose={() => setResultsOf(null)} />
    </Card>
  );
}
