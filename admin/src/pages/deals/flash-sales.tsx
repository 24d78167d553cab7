import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Drawer, Form, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  DrawerForm,
  ProForm,
  ProFormDateTimeRangePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  type ActionType,
} from '@ant-design/pro-components';
import { FLASH_SALE_AUDIENCE_LABELS, validateFlashSaleEvent, type FlashSaleAdminInput, type FlashSaleAdminView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { YuanInput } from '../../components/YuanInput';
import { dateTime, yuan } from '../../services/format';
import { http } from '../../services/http';
import { fetchSegments } from '../../services/insight';
import { fetchGroups } from '../community/community-api';
import { EMPTY_FLASH_SALE, toFlashSaleForm, toFlashSaleInput, type FlashSaleForm } from './flash-sales-form';

interface SkuOption {
  label: string;
  value: number;
  priceFen: number;
}

interface AdminProductRow {
  id: number;
  name: string;
  skus: { id: number; specs: string; priceFen: number; enabled: boolean }[];
}

const fetchFlashSales = () => http<{ items: FlashSaleAdminView[] }>('/api/admin/flash-sales');
const fetchFlashSale = (id: number) => http<FlashSaleAdminView>(`/api/admin/flash-sales/${id}`);
const saveFlashSale = (id: number | null, body: FlashSaleAdminInput) =>
  http<FlashSaleAdminView>(id ? `/api/admin/flash-sales/${id}` : '/api/admin/flash-sales', { method: id ? 'PUT' : 'POST', body });

/** Deal stock split: sold (paid), reserved (unpaid holds), left. */
function StockSplit({ e }: { e: FlashSaleAdminView }) {
  const soldPct = (e.soldCount * 100) / e.stockTotal;
  const takenPct = ((e.soldCount + e.reservedCount) * 100) / e.stockTotal;
  return (
    <div data-testid={`flash-stock-${e.id}`}>
      <Progress
        percent={Math.round(takenPct)}
        success={{ percent: Math.round(soldPct), strokeColor: '#389e0d' }}
        strokeColor='#d48806'
        size='small'
        showInfo={false}
      />
      <Typography.Text type='secondary' style={{ fontSize: 12 }}>
        已付 {e.soldCount} · 待付 {e.reservedCount} · 剩余 {e.stockLeft} / {e.stockTotal}
      </Typography.Text>
    </div>
  );
}

/** Live numbers of one event, refreshed every 3 seconds while open. */
function StatsDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useLoad(() => (id ? fetchFlashSale(id) : Promise.resolve(null)), [id]);
  useEffect(() => {
    if (!id) return;
    const timer = setInterval(() => void detail.reload(), 3000);
    return () => clearInterval(timer);
  }, [id]);
  const e = detail.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={e ? `实时数据：${e.name}` : '实时数据'} destroyOnClose>
      {e && (
        <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='flash-sale-stats'>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title='剩余库存' value={e.stockLeft} suffix={`/ ${e.stockTotal}`} />
            </Col>
            <Col span={6}>
              <Statistic title='待支付' value={e.reservedCount} valueStyle={{ color: '#d48806' }} />
            </Col>
            <Col span={6}>
              <Statistic title='已支付' value={e.soldCount} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col span={6}>
              <Statistic title='预约提醒' value={e.reminders} />
            </Col>
          </Row>
          <StockSplit e={e} />
          <Descriptions column={1} size='small' bordered>
            <Descriptions.Item label='状态'>
              <Tag color={e.enabled ? 'red' : 'default'}>{e.phaseLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label='商品'>{e.productName}</Descriptions.Item>
            <Descriptions.Item label='秒杀价 / 原价'>
              {yuan(e.dealPriceFen)} / {yuan(e.normalPriceFen)}
            </Descriptions.Item>
            <Descriptions.Item label='时间'>
              {dateTime(e.startAt)} — {dateTime(e.endAt)}
            </Descriptions.Item>
            <Descriptions.Item label='人群'>{e.audienceLabel}</Descriptions.Item>
            <Descriptions.Item label='每人限购 / 支付时限'>
              {e.perMemberLimit} 件 / {e.holdMinutes} 分钟
            </Descriptions.Item>
            <Descriptions.Item label='成交额（已支付）'>{yuan(e.soldCount * e.dealPriceFen)}</Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Drawer>
  );
}

function FlashSaleEditor({
  event,
  trigger,
  skus,
  segments,
  groups,
  onSaved,
}: {
  event: FlashSaleAdminView | null;
  trigger: JSX.Element;
  skus: SkuOption[];
  segments: { label: string; value: number }[];
  groups: { label: string; value: number }[];
  onSaved: () => void;
}) {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <DrawerForm<FlashSaleForm>
      title={event ? `编辑秒杀：${event.name}` : '新建秒杀活动'}
      trigger={trigger}
      width={640}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      initialValues={event ? toFlashSaleForm(event) : EMPTY_FLASH_SALE}
      onFinish={async (v) => {
        const input = toFlashSaleInput(v);
        const normal = skus.find((s) => s.value === input.skuId)?.priceFen ?? 0;
        const problems = validateFlashSaleEvent({ ...input, startAt: new Date(input.startAt), endAt: new Date(input.endAt) }, normal);
        if (problems.length > 0) {
          void message.error(problems.map((p) => p.message).join('；'));
          return false;
        }
        const done = await run(() => saveFlashSale(event?.id ?? null, input), event ? '秒杀已保存' : '秒杀已创建');
        if (done) onSaved();
        return done;
      }}
    >
      <ProFormText name='name' label='活动名称' rules={[{ required: true, max: 40 }]} />
      <ProFormSelect name='skuId' label='商品规格' options={skus} showSearch rules={[{ required: true }]} />
      <ProForm.Group>
        <ProFormDependency name={['skuId']}>
          {({ skuId }) => {
            const normal = skus.find((s) => s.value === skuId)?.priceFen;
            return (
              <Form.Item
                name='dealPriceFen'
                label={normal ? `秒杀价（原价 ${yuan(normal)}）` : '秒杀价'}
                rules={[
                  { required: true, message: '请填写秒杀价' },
                  {
                    validator: async (_, fen: number | null) => (normal && fen && fen >= normal ? Promise.reject(new Error('秒杀价必须低于原价')) : undefined),
                  },
                ]}
              >
                <YuanInput min={1} />
              </Form.Item>
            );
          }}
        </ProFormDependency>
        <ProFormDigit name='stockTotal' label='秒杀库存' min={1} max={1_000_000} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
        <ProFormDigit name='perMemberLimit' label='每人限购' min={1} max={99} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
      </ProForm.Group>
      <ProFormDateTimeRangePicker
        name='window'
        label='活动时间'
        rules={[
          { required: true, message: '请选择开始和结束时间' },
          { validator: async (_, w) => (w && w[1] && w[0] && !w[1].isAfter(w[0]) ? Promise.reject(new Error('结束时间必须晚于开始时间')) : undefined) },
        ]}
      />
      <ProForm.Group>
        <ProFormDigit name='holdMinutes' label='支付时限（分钟）' min={1} max={120} fieldProps={{ precision: 0 }} width='xs' />
        <ProFormSelect
          name='audienceKind'
          label='参与人群'
          width='sm'
          options={Object.entries(FLASH_SALE_AUDIENCE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <ProFormDependency name={['audienceKind']}>
          {({ audienceKind }) =>
            audienceKind === 'tier_at_least' ? (
              <ProFormDigit name='level' label='最低等级（L）' min={0} max={99} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
            ) : audienceKind === 'segment' ? (
              <ProFormSelect name='segmentId' label='人群分群' options={segments} width='sm' rules={[{ required: true }]} />
            ) : audienceKind === 'community_group' ? (
              <ProFormSelect name='groupId' label='社群（仅已入群会员）' options={groups} width='sm' rules={[{ required: true }]} />
            ) : null
          }
        </ProFormDependency>
      </ProForm.Group>
      <Typography.Paragraph type='secondary'>等级或 SVIP 含「抢先购」权益的会员，可按权益分钟数提前开抢。</Typography.Paragraph>
      <ProFormSwitch name='enabled' label='启用' />
    </DrawerForm>
  );
}

export default function FlashSalesPage() {
  const table = useRef<ActionType>();
  const [statsOf, setStatsOf] = useState<number | null>(null);
  const options = useLoad(async () => {
    const [products, segments, groups] = await Promise.all([http<{ items: AdminProductRow[] }>('/api/admin/products'), fetchSegments(), fetchGroups()]);
    return {
      skus: products.items.flatMap((p) =>
        p.skus.filter((s) => s.enabled).map((s) => ({ label: `${p.name} · ${s.specs}（${yuan(s.priceFen)}）`, value: s.id, priceFen: s.priceFen })),
      ),
      segments: segments.items.map((s) => ({ label: s.name, value: s.id })),
      groups: groups.items.map((g) => ({ label: g.name, value: g.id })),
    };
  });
  const skus = options.data?.skus ?? [];
  const segments = options.data?.segments ?? [];
  const groups = options.data?.groups ?? [];
  const reload = () => void table.current?.reload();
  // The table's counts move while a sale runs: refresh them every 5 seconds.
  useEffect(() => {
    const timer = setInterval(reload, 5000);
    return () => clearInterval(timer);
  }, []);

  return (
    <Card title='限时秒杀'>
      <AdminTable<FlashSaleAdminView>
        tableKey='flash-sales'
        actionRef={table}
        headerTitle='秒杀活动'
        toolBarRender={() => [
          <FlashSaleEditor
            key='new'
            event={null}
            skus={skus}
            segments={segments}
            groups={groups}
            onSaved={reload}
            trigger={
              <Button type='primary' icon={<PlusOutlined />} data-testid='new-flash-sale'>
                新建秒杀
              </Button>
            }
          />,
        ]}
        scroll={{ x: 1500 }}
        request={() => allRows(fetchFlashSales())}
        columns={[
          { title: '名称', dataIndex: 'name', width: 160, render: (_, e) => <a onClick={() => setStatsOf(e.id)}>{e.name}</a> },
          { title: '商品', dataIndex: 'productName', width: 200, ellipsis: true },
          {
            title: '秒杀价 / 原价',
            dataIndex: 'dealPriceFen',
            width: 130,
            render: (_, e) => (
              <span>
                <Typography.Text type='danger'>{yuan(e.dealPriceFen)}</Typography.Text> / <Typography.Text delete>{yuan(e.normalPriceFen)}</Typography.Text>
              </span>
            ),
          },
          { title: '状态', dataIndex: 'phaseLabel', width: 100, render: (_, e) => <Tag color={e.enabled ? 'red' : 'default'}>{e.phaseLabel}</Tag> },
          { title: '库存（已付 · 待付 · 剩余）', dataIndex: 'stockLeft', width: 240, render: (_, e) => <StockSplit e={e} /> },
          { title: '时间', dataIndex: 'startAt', width: 260, render: (_, e) => `${dateTime(e.startAt)} — ${dateTime(e.endAt)}` },
          { title: '人群', dataIndex: 'audienceLabel', width: 120 },
          { title: '限购', dataIndex: 'perMemberLimit', width: 70 },
          { title: '提醒', dataIndex: 'reminders', width: 70 },
          {
            title: '操作',
            valueType: 'option',
            width: 120,
            render: (_, e) => [
              <a key='stats' onClick={() => setStatsOf(e.id)}>
                数据
              </a>,
              <FlashSaleEditor key='edit' event={e} skus={skus} segments={segments} groups={groups} onSaved={reload} trigger={<a>编辑</a>} />,
            ],
          },
        ]}
      />
      <StatsDrawer id={statsOf} onClose={() => setStatsOf(null)} />
    </Card>
  );
}
