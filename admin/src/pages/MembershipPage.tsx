import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLoad } from '../components/use-load';
import { dateTime, toFen, yuan } from '../services/format';
import { http } from '../services/http';

interface Plan { id: number; name: string; periodUnit: string; periodDays: number; priceFen: number; strikePriceFen: number | null; firstPurchasePriceFen: number | null; refundDays: number; tagline: string; sortOrder: number; enabled: boolean }
interface PaidMember { memberId: number; active: boolean; expiresAt: string | null; periods: { planId: number; startsAt: string; endsAt: string; priceFen: number; status: string }[] }
interface Metrics { active: number; newMembers: number; renewals: number; churned: number; renewalRate: number | null; expiredInWindow: number; revenueFen: number; cohorts: { month: string; expired: number; renewed: number; rate: number | null }[] }

const UNIT: Record<string, string> = { month: '月卡', quarter: '季卡', year: '年卡', days: '按天' };

function PlansTab() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: Plan[] }>('/api/admin/membership/plans'));
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (p: Plan | 'new') => {
    setEditing(p);
    form.setFieldsValue(p === 'new' ? { name: '', periodUnit: 'month', priceYuan: 19, refundDays: 7, enabled: true, sortOrder: 0 } : { ...p, priceYuan: p.priceFen / 100, strikeYuan: p.strikePriceFen ? p.strikePriceFen / 100 : undefined, firstYuan: p.firstPurchasePriceFen ? p.firstPurchasePriceFen / 100 : undefined });
  };
  const save = async () => {
    const v = await form.validateFields();
    const body = { name: v.name, periodUnit: v.periodUnit, ...(v.periodUnit === 'days' ? { periodDays: v.periodDays } : {}), priceFen: toFen(v.priceYuan), ...(v.strikeYuan ? { strikePriceFen: toFen(v.strikeYuan) } : {}), ...(v.firstYuan ? { firstPurchasePriceFen: toFen(v.firstYuan) } : {}), refundDays: v.refundDays, tagline: v.tagline ?? '', sortOrder: v.sortOrder ?? 0, enabled: v.enabled };
    try {
      await http(editing === 'new' ? '/api/admin/membership/plans' : `/api/admin/membership/plans/${(editing as Plan).id}`, { method: editing === 'new' ? 'POST' : 'PATCH', body });
      void message.success('方案已保存（已售出的会员期不受影响）');
      setEditing(null);
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title='付费会员方案' extra={<Button type='primary' onClick={() => open('new')}>新建方案</Button>}>
      <Table<Plan> rowKey='id' loading={loading} dataSource={data?.items ?? []} pagination={false} columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '周期', dataIndex: 'periodUnit', render: (u, p) => (u === 'days' ? `${p.periodDays} 天` : UNIT[u]) },
        { title: '价格', dataIndex: 'priceFen', render: yuan },
        { title: '划线价', dataIndex: 'strikePriceFen', render: yuan },
        { title: '首购价', dataIndex: 'firstPurchasePriceFen', render: yuan },
        { title: '无理由退款', dataIndex: 'refundDays', render: (d) => (d ? `${d} 天内` : '不支持') },
        { title: '状态', dataIndex: 'enabled', render: (v) => (v ? <Tag color='green'>在售</Tag> : <Tag>停售</Tag>) },
        { title: '操作', render: (_, p) => <Button size='small' onClick={() => open(p)}>编辑</Button> },
      ]} />
      <Modal title={editing === 'new' ? '新建方案' : '编辑方案'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 32 }]}><Input /></Form.Item>
          <Space>
            <Form.Item label='周期' name='periodUnit'><Select style={{ width: 120 }} options={Object.entries(UNIT).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item label='天数（按天时）' name='periodDays'><InputNumber min={1} precision={0} /></Form.Item>
          </Space>
          <Space>
            <Form.Item label='价格（元）' name='priceYuan' rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='划线价（元）' name='strikeYuan'><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='首购价（元）' name='firstYuan'><InputNumber min={0.01} precision={2} /></Form.Item>
          </Space>
          <Space>
            <Form.Item label='退款天数' name='refundDays'><InputNumber min={0} max={365} precision={0} /></Form.Item>
            <Form.Item label='排序' name='sortOrder'><InputNumber precision={0} /></Form.Item>
            <Form.Item label='在售' name='enabled' valuePropName='checked'><Switch /></Form.Item>
          </Space>
          <Form.Item label='卖点' name='tagline'><Input maxLength={64} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function MembersTab() {
  const { data, loading } = useLoad(() => http<{ items: PaidMember[] }>('/api/admin/membership/members'));
  return (
    <Card title='付费会员'>
      <Table<PaidMember> rowKey='memberId' loading={loading} dataSource={data?.items ?? []} locale={{ emptyText: '还没有付费会员' }}
        expandable={{ expandedRowRender: (m) => (
          <Table rowKey={(p) => p.startsAt} size='small' pagination={false} dataSource={m.periods} columns={[
            { title: '开始', dataIndex: 'startsAt', render: dateTime },
            { title: '结束', dataIndex: 'endsAt', render: dateTime },
            { title: '金额', dataIndex: 'priceFen', render: yuan },
            { title: '状态', dataIndex: 'status', render: (s) => (s === 'active' ? <Tag color='green'>有效</Tag> : <Tag>已退款</Tag>) },
          ]} />
        ) }}
        columns={[
          { title: '会员', dataIndex: 'memberId' },
          { title: '状态', dataIndex: 'active', render: (v) => (v ? <Tag color='gold'>SVIP 生效中</Tag> : <Tag>已到期</Tag>) },
          { title: '到期时间', dataIndex: 'expiresAt', render: dateTime },
          { title: '购买次数', render: (_, m) => m.periods.length },
        ]} />
    </Card>
  );
}

function MetricsTab() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const { data, loading } = useLoad(() => http<Metrics>(`/api/admin/membership/metrics?from=${range[0].toISOString()}&to=${range[1].toISOString()}`), [range[0].valueOf(), range[1].valueOf()]);
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  return (
    <Card title='会员经营指标' extra={<DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && setRange([v[0]!.startOf('day'), v[1]!.endOf('day')])} />}>
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col span={4}><Card loading={loading}><Statistic title='当前付费会员' value={data?.active ?? 0} /></Card></Col>
        <Col span={4}><Card loading={loading}><Statistic title='新开通' value={data?.newMembers ?? 0} /></Card></Col>
        <Col span={4}><Card loading={loading}><Statistic title='续费' value={data?.renewals ?? 0} /></Card></Col>
        <Col span={4}><Card loading={loading}><Statistic title='流失' value={data?.churned ?? 0} /></Card></Col>
        <Col span={4}><Card loading={loading}><Statistic title='续费率（到期队列）' value={pct(data?.renewalRate ?? null)} /></Card></Col>
        <Col span={4}><Card loading={loading}><Statistic title='会员收入' value={yuan(data?.revenueFen ?? 0)} /></Card></Col>
      </Row>
      <Table rowKey='month' loading={loading} pagination={false} dataSource={data?.cohorts ?? []} columns={[
        { title: '到期月份', dataIndex: 'month' },
        { title: '到期人数', dataIndex: 'expired' },
        { title: '宽限期内续费', dataIndex: 'renewed' },
        { title: '续费率', dataIndex: 'rate', render: (r: number | null) => (r === null ? '—' : <Progress percent={Math.round(r * 100)} size='small' strokeColor='#C8A063' />) },
      ]} />
    </Card>
  );
}

export default function MembershipPage() {
  return <Tabs items={[{ key: 'metrics', label: '经营指标', children: <MetricsTab /> }, { key: 'plans', label: '方案', children: <PlansTab /> }, { key: 'members', label: '付费会员', children: <MembersTab /> }]} />;
}
