import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime, toFen, yuan } from '../services/format';
import { http, newIdempotencyKey } from '../services/http';

interface Settings {
  basePerYuan: number;
  spendEarnEnabled: boolean;
  expiryKind: 'rolling' | 'annual';
  expiryMonths: number;
  annualClearMonth: number;
  annualClearDay: number;
  signInEnabled: boolean;
  signInPoints: number;
  signInStreakBonus: number;
  firstOrderPoints: number;
  profilePoints: number;
  referralPoints: number;
  dailyCap: number;
  monthlyCap: number;
  deductPointsPerYuan: number;
  deductMaxShareBps: number;
  remindDaysBefore: number;
}
interface Item {
  id: number;
  name: string;
  pricePoints: number;
  cashFen: number;
  stock: number;
  perMemberLimit: number | null;
  enabled: boolean;
  imageUrl: string;
  sortOrder: number;
}
interface MemberPoints {
  memberId: number;
  balance: number;
  consistent: boolean;
  lots: { id: number; amountPoints: number; remainingPoints: number; source: string; expiresAt: string }[];
  entries: { id: number; title: string; deltaPoints: number; balanceAfter: number; createdAt: string }[];
}

function RulesTab() {
  const { message } = App.useApp();
  const { data, loading } = useLoad(() => http<Settings>('/api/admin/points/settings'));
  const [form] = Form.useForm<Settings>();
  const save = async () => {
    try {
      await http('/api/admin/points/settings', { method: 'PUT', body: await form.validateFields() });
      void message.success('积分规则已保存');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  if (loading || !data) return <Card loading />;
  return (
    <Card extra={<Button type='primary' onClick={save}>保存规则</Button>} title='获取与使用规则'>
      <Form form={form} layout='vertical' initialValues={data}>
        <Row gutter={24}>
          <Col span={6}><Form.Item label='消费得积分（每元）' name='basePerYuan'><InputNumber min={0} max={100} /></Form.Item></Col>
          <Col span={6}><Form.Item label='消费得积分' name='spendEarnEnabled' valuePropName='checked'><Switch /></Form.Item></Col>
          <Col span={6}><Form.Item label='抵扣：多少积分 = ¥1' name='deductPointsPerYuan'><InputNumber min={1} /></Form.Item></Col>
          <Col span={6}><Form.Item label='最多抵扣订单（‱）' name='deductMaxShareBps'><InputNumber min={0} max={10000} /></Form.Item></Col>
          <Col span={6}><Form.Item label='有效期规则' name='expiryKind'><Select options={[{ value: 'rolling', label: '获得后 N 个月' }, { value: 'annual', label: '每年固定日期清零（次年）' }]} /></Form.Item></Col>
          <Col span={6}><Form.Item label='N 个月' name='expiryMonths'><InputNumber min={1} max={60} /></Form.Item></Col>
          <Col span={6}><Form.Item label='清零月' name='annualClearMonth'><InputNumber min={1} max={12} /></Form.Item></Col>
          <Col span={6}><Form.Item label='清零日' name='annualClearDay'><InputNumber min={1} max={31} /></Form.Item></Col>
          <Col span={6}><Form.Item label='签到' name='signInEnabled' valuePropName='checked'><Switch /></Form.Item></Col>
          <Col span={6}><Form.Item label='每日签到积分' name='signInPoints'><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item label='连签 7 天奖励' name='signInStreakBonus'><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item label='过期前提醒（天）' name='remindDaysBefore'><InputNumber min={1} max={60} /></Form.Item></Col>
          <Col span={6}><Form.Item label='首单奖励' name='firstOrderPoints'><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item label='完善资料奖励' name='profilePoints'><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item label='邀请好友首单奖励（0 关闭）' name='referralPoints'><InputNumber min={0} max={100000} /></Form.Item></Col>
          <Col span={6}><Form.Item label='每日上限（0 不限）' name='dailyCap'><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item label='每月上限（0 不限）' name='monthlyCap'><InputNumber min={0} /></Form.Item></Col>
        </Row>
      </Form>
    </Card>
  );
}

function ItemsTab() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: Item[] }>('/api/admin/points/mall-items'));
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (row: Item | 'new') => {
    setEditing(row);
    form.setFieldsValue(row === 'new' ? { name: '', pricePoints: 100, cashYuan: 0, stock: 100, enabled: true, sortOrder: 0 } : { ...row, cashYuan: row.cashFen / 100, perMemberLimit: row.perMemberLimit ?? undefined });
  };
  const save = async () => {
    const { cashYuan, ...rest } = await form.validateFields();
    const v = { ...rest, cashFen: toFen(cashYuan) };
    try {
      if (editing === 'new') await http('/api/admin/points/mall-items', { method: 'POST', body: v });
      else await http(`/api/admin/points/mall-items/${(editing as Item).id}`, { method: 'PATCH', body: v });
      void message.success('已保存');
      setEditing(null);
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title='积分商城' extra={<Button type='primary' onClick={() => open('new')}>新增礼品</Button>}>
      <Table<Item>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: '礼品', dataIndex: 'name' },
          { title: '价格', render: (_, r) => (r.cashFen > 0 ? `${r.pricePoints} 积分 + ${yuan(r.cashFen)}` : `${r.pricePoints} 积分`) },
          { title: '库存', dataIndex: 'stock', render: (v) => (v > 0 ? v : <Tag color='red'>已兑完</Tag>) },
          { title: '每人限兑', dataIndex: 'perMemberLimit', render: (v) => v ?? '不限' },
          { title: '状态', dataIndex: 'enabled', render: (v) => (v ? <Tag color='green'>上架</Tag> : <Tag>下架</Tag>) },
          { title: '操作', render: (_, r) => <Button size='small' onClick={() => open(r)}>编辑</Button> },
        ]}
      />
      <Modal title={editing === 'new' ? '新增礼品' : '编辑礼品'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 64 }]}><Input /></Form.Item>
          <Space>
            <Form.Item label='所需积分' name='pricePoints' rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
            <Form.Item label='加价（元，积分+现金）' name='cashYuan'><InputNumber min={0} max={100000} precision={2} /></Form.Item>
            <Form.Item label='库存' name='stock' rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item label='每人限兑' name='perMemberLimit'><InputNumber min={1} precision={0} placeholder='不限' /></Form.Item>
          </Space>
          <Form.Item label='图片地址' name='imageUrl'><Input placeholder='/static/gifts/tote.svg' /></Form.Item>
          <Form.Item label='兑换优惠券（券模板 ID，留空为到店自提礼品）' name='couponTemplateId'><InputNumber min={1} precision={0} /></Form.Item>
          <Space>
            <Form.Item label='排序' name='sortOrder'><InputNumber precision={0} /></Form.Item>
            <Form.Item label='上架' name='enabled' valuePropName='checked'><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function MemberTab() {
  const { message } = App.useApp();
  const [memberId, setMemberId] = useState<number | null>(null);
  const [view, setView] = useState<MemberPoints | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey());
  const [form] = Form.useForm();
  const load = async () => {
    if (!memberId) return;
    try {
      setView(await http<MemberPoints>(`/api/admin/points/members/${memberId}`));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const adjust = async () => {
    const v = await form.validateFields();
    try {
      await http(`/api/admin/points/members/${memberId}/adjustments`, { method: 'POST', body: v, idempotencyKey: key });
      void message.success('已调整');
      setAdjusting(false);
      form.resetFields();
      void load();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title='会员积分'>
      <Space style={{ marginBottom: 16 }}>
        <InputNumber placeholder='会员 ID' min={1} onChange={setMemberId} style={{ width: 160 }} />
        <Button type='primary' onClick={load}>查询</Button>
        {view && <Button onClick={() => { setKey(newIdempotencyKey()); setAdjusting(true); }}>人工调整</Button>}
      </Space>
      {view && (
        <>
          {!view.consistent && <Alert type='error' showIcon message='积分缓存与批次/流水不一致' style={{ marginBottom: 12 }} />}
          <Descriptions size='small' bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label='可用积分'>{view.balance}</Descriptions.Item>
            <Descriptions.Item label='有效批次'>{view.lots.length}</Descriptions.Item>
          </Descriptions>
          <Table rowKey='id' size='small' pagination={false} dataSource={view.lots} style={{ marginBottom: 16 }} columns={[
            { title: '批次', dataIndex: 'id' },
            { title: '来源', dataIndex: 'source' },
            { title: '获得', dataIndex: 'amountPoints' },
            { title: '剩余', dataIndex: 'remainingPoints' },
            { title: '过期时间', dataIndex: 'expiresAt', render: dateTime },
          ]} />
          <Table rowKey='id' size='small' pagination={false} dataSource={view.entries} columns={[
            { title: '时间', dataIndex: 'createdAt', render: dateTime },
            { title: '说明', dataIndex: 'title' },
            { title: '变动', dataIndex: 'deltaPoints' },
            { title: '余额', dataIndex: 'balanceAfter' },
          ]} />
        </>
      )}
      <Modal title='调整积分' open={adjusting} onOk={adjust} onCancel={() => setAdjusting(false)} destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label='积分（负数为扣减）' name='points' rules={[{ required: true }]}><InputNumber precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item label='原因' name='reason' rules={[{ required: true, min: 2, max: 120 }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function LiabilityTab() {
  const { data, loading } = useLoad(() => http<{ outstandingPoints: number; outstandingValueFen: number; expiringIn30Days: number; expiringIn90Days: number }>('/api/admin/points/liability'));
  return (
    <Row gutter={16}>
      <Col span={6}><Card loading={loading}><Statistic title='未使用积分' value={data?.outstandingPoints ?? 0} /></Card></Col>
      <Col span={6}><Card loading={loading}><Statistic title='折合负债' value={yuan(data?.outstandingValueFen ?? 0)} /></Card></Col>
      <Col span={6}><Card loading={loading}><Statistic title='30 天内过期' value={data?.expiringIn30Days ?? 0} /></Card></Col>
      <Col span={6}><Card loading={loading}><Statistic title='90 天内过期' value={data?.expiringIn90Days ?? 0} /></Card></Col>
    </Row>
  );
}

export default function PointsPage() {
  return (
    <Tabs
      items={[
        { key: 'rules', label: '积分规则', children: <RulesTab /> },
        { key: 'items', label: '积分商城', children: <ItemsTab /> },
        { key: 'member', label: '会员积分', children: <MemberTab /> },
        { key: 'liability', label: '积分负债', children: <LiabilityTab /> },
      ]}
    />
  );
}
