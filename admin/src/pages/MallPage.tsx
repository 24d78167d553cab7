import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime, toFen, yuan } from '../services/format';
import { http } from '../services/http';

interface SkuRow { id: number; specs: string; priceFen: number; memberPriceFen: number | null; stock: number; enabled: boolean }
interface ProductRow { id: number; name: string; subtitle: string; status: string; priceFen: number; stock: number; skus: SkuRow[] }
interface TemplateRow { id: number; name: string; text: string; kind: string; totalQuantity: number | null; issuedCount: number; perMemberLimit: number | null; validDays: number | null; validUntil: string | null; enabled: boolean; claimable: boolean }
interface OrderRow { id: number; orderNo: string; memberId: number; status: string; statusText: string; fulfilment: string; amounts: { payableFen: number; cashFen: number; balanceFen: number; pointsDeductionFen: number; couponDiscountFen: number }; createdAt: string; lines: { productName: string; quantity: number }[] }
interface AfterSaleRow { id: number; orderId: number; memberId: number; reason: string; status: string; cashFen: number; balanceFen: number; pointsReturned: number; createdAt: string }

function ProductsTab() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: ProductRow[] }>('/api/admin/products'));
  const [editing, setEditing] = useState<SkuRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const [createForm] = Form.useForm();
  const saveSku = async () => {
    const v = await form.validateFields();
    try {
      await http(`/api/admin/skus/${editing!.id}`, { method: 'PATCH', body: { priceFen: toFen(v.priceYuan), ...(v.memberYuan ? { memberPriceFen: toFen(v.memberYuan) } : {}), stock: v.stock, enabled: v.enabled } });
      void message.success('规格已更新');
      setEditing(null);
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const create = async () => {
    const v = await createForm.validateFields();
    try {
      await http('/api/admin/products', { method: 'POST', body: { name: v.name, subtitle: v.subtitle ?? '', imageUrl: v.imageUrl ?? '', skus: [{ specs: v.specs, priceFen: toFen(v.priceYuan), ...(v.memberYuan ? { memberPriceFen: toFen(v.memberYuan) } : {}), stock: v.stock }] } });
      void message.success('商品已上架');
      setCreating(false);
      createForm.resetFields();
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const toggle = async (p: ProductRow) => {
    await http(`/api/admin/products/${p.id}`, { method: 'PATCH', body: { status: p.status === 'on_shelf' ? 'off_shelf' : 'on_shelf' } });
    void reload();
  };
  return (
    <Card title='商品与规格' extra={<Button type='primary' onClick={() => setCreating(true)}>新增商品</Button>}>
      <Table<ProductRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (p) => (
            <Table<SkuRow> rowKey='id' size='small' pagination={false} dataSource={p.skus} columns={[
              { title: '规格', dataIndex: 'specs' },
              { title: '售价', dataIndex: 'priceFen', render: yuan },
              { title: '会员价', dataIndex: 'memberPriceFen', render: yuan },
              { title: '库存', dataIndex: 'stock', render: (v) => (v > 0 ? v : <Tag color='red'>售罄</Tag>) },
              { title: '操作', render: (_, s) => <Button size='small' onClick={() => { setEditing(s); form.setFieldsValue({ priceYuan: s.priceFen / 100, memberYuan: s.memberPriceFen ? s.memberPriceFen / 100 : undefined, stock: s.stock, enabled: s.enabled }); }}>编辑</Button> },
            ]} />
          ),
        }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: '商品', dataIndex: 'name' },
          { title: '起售价', dataIndex: 'priceFen', render: yuan },
          { title: '总库存', dataIndex: 'stock' },
          { title: '状态', dataIndex: 'status', render: (v) => (v === 'on_shelf' ? <Tag color='green'>在售</Tag> : <Tag>已下架</Tag>) },
          { title: '操作', render: (_, p) => <Button size='small' onClick={() => toggle(p)}>{p.status === 'on_shelf' ? '下架' : '上架'}</Button> },
        ]}
      />
      <Modal title={`编辑规格 · ${editing?.specs ?? ''}`} open={!!editing} onOk={saveSku} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Space>
            <Form.Item label='售价（元）' name='priceYuan' rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='会员价（元）' name='memberYuan'><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='库存' name='stock' rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item label='启用' name='enabled' valuePropName='checked'><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal title='新增商品' open={creating} onOk={create} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={createForm} layout='vertical'>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 128 }]}><Input /></Form.Item>
          <Form.Item label='副标题' name='subtitle'><Input maxLength={255} /></Form.Item>
          <Form.Item label='图片地址' name='imageUrl'><Input placeholder='/static/products/coffee.svg' /></Form.Item>
          <Space>
            <Form.Item label='规格' name='specs' rules={[{ required: true }]} initialValue='标准装'><Input /></Form.Item>
            <Form.Item label='售价（元）' name='priceYuan' rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='会员价（元）' name='memberYuan'><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item label='库存' name='stock' rules={[{ required: true }]} initialValue={100}><InputNumber min={0} precision={0} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function CouponsTab() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: TemplateRow[] }>('/api/admin/coupon-templates'));
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const create = async () => {
    const v = await form.validateFields();
    try {
      await http('/api/admin/coupon-templates', {
        method: 'POST',
        body: {
          name: v.name,
          kind: v.kind,
          ...(v.kind === 'fixed' ? { amountFen: toFen(v.amountYuan) } : { percentBps: Math.round(v.zhe * 1000), capFen: toFen(v.capYuan ?? 0) }),
          thresholdFen: toFen(v.thresholdYuan ?? 0),
          ...(v.validDays ? { validDays: v.validDays } : { validUntil: v.validUntil?.toISOString() }),
          ...(v.perMemberLimit ? { perMemberLimit: v.perMemberLimit } : {}),
          ...(v.totalQuantity ? { totalQuantity: v.totalQuantity } : {}),
          stackable: Boolean(v.stackable),
        },
      });
      void message.success('优惠券已创建');
      setCreating(false);
      form.resetFields();
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title='优惠券模板' extra={<Button type='primary' onClick={() => setCreating(true)}>新建优惠券</Button>}>
      <Table<TemplateRow> rowKey='id' loading={loading} dataSource={data?.items ?? []} pagination={false} columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '优惠', dataIndex: 'text' },
        { title: '已发 / 总量', render: (_, t) => `${t.issuedCount} / ${t.totalQuantity ?? '不限'}` },
        { title: '每人限领', dataIndex: 'perMemberLimit', render: (v) => v ?? '不限' },
        { title: '有效期', render: (_, t) => (t.validDays ? `领取后 ${t.validDays} 天` : dateTime(t.validUntil)) },
        { title: '状态', render: (_, t) => (t.enabled ? <Tag color='green'>{t.claimable ? '可领取' : '仅发放'}</Tag> : <Tag>停用</Tag>) },
      ]} />
      <Modal title='新建优惠券' open={creating} onOk={create} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout='vertical' initialValues={{ kind: 'fixed', validDays: 30 }}>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 32 }]}><Input /></Form.Item>
          <Form.Item label='类型' name='kind'><Select options={[{ value: 'fixed', label: '满减券' }, { value: 'percent', label: '折扣券' }]} /></Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'fixed' ? (
                <Form.Item label='减免（元）' name='amountYuan' rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
              ) : (
                <Space>
                  <Form.Item label='折扣（如 8.5）' name='zhe' rules={[{ required: true }]}><InputNumber min={1} max={9.99} precision={2} /></Form.Item>
                  <Form.Item label='最多优惠（元）' name='capYuan'><InputNumber min={0} precision={2} /></Form.Item>
                </Space>
              )
            }
          </Form.Item>
          <Space>
            <Form.Item label='使用门槛（元）' name='thresholdYuan'><InputNumber min={0} precision={2} /></Form.Item>
            <Form.Item label='领取后有效天数' name='validDays'><InputNumber min={1} precision={0} /></Form.Item>
            <Form.Item label='或截止日期' name='validUntil'><DatePicker /></Form.Item>
          </Space>
          <Space>
            <Form.Item label='每人限领' name='perMemberLimit'><InputNumber min={1} precision={0} /></Form.Item>
            <Form.Item label='发放总量' name='totalQuantity'><InputNumber min={1} precision={0} /></Form.Item>
            <Form.Item label='可叠加' name='stackable' valuePropName='checked'><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

const ORDER_TABS = [
  { value: '', label: '全部' },
  { value: 'pending_payment', label: '待支付' },
  { value: 'paid', label: '待发货' },
  { value: 'shipped', label: '已发货' },
  { value: 'completed', label: '已完成' },
  { value: 'cancelled', label: '已取消' },
  { value: 'refunded', label: '已退款' },
];

function OrdersTab() {
  const { message } = App.useApp();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useLoad(() => http<{ items: OrderRow[]; total: number }>(`/api/admin/orders?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`), [status, page]);
  const ship = async (id: number) => {
    try {
      await http(`/api/admin/orders/${id}/ship`, { method: 'POST' });
      void message.success('已发货');
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title='订单' extra={<Segmented value={status} onChange={(v) => { setPage(1); setStatus(String(v)); }} options={ORDER_TABS} />}>
      <Table<OrderRow> rowKey='id' loading={loading} dataSource={data?.items ?? []} pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }} columns={[
        { title: '订单号', dataIndex: 'orderNo' },
        { title: '会员', dataIndex: 'memberId' },
        { title: '商品', render: (_, o) => o.lines.map((l) => `${l.productName}×${l.quantity}`).join('，') },
        { title: '实付', render: (_, o) => yuan(o.amounts.payableFen) },
        { title: '构成', render: (_, o) => <Space size={4} wrap>{o.amounts.cashFen > 0 && <Tag color='green'>微信 {yuan(o.amounts.cashFen)}</Tag>}{o.amounts.balanceFen > 0 && <Tag color='gold'>余额 {yuan(o.amounts.balanceFen)}</Tag>}{o.amounts.pointsDeductionFen > 0 && <Tag color='purple'>积分 {yuan(o.amounts.pointsDeductionFen)}</Tag>}{o.amounts.couponDiscountFen > 0 && <Tag color='red'>券 {yuan(o.amounts.couponDiscountFen)}</Tag>}</Space> },
        { title: '状态', dataIndex: 'statusText' },
        { title: '下单时间', dataIndex: 'createdAt', render: dateTime },
        { title: '操作', render: (_, o) => (o.status === 'paid' ? <Button size='small' type='primary' onClick={() => ship(o.id)}>{o.fulfilment === 'pickup' ? '备货完成' : '发货'}</Button> : null) },
      ]} />
    </Card>
  );
}

function AfterSalesTab() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: AfterSaleRow[] }>('/api/admin/after-sales'));
  const review = async (id: number, action: 'approve' | 'reject') => {
    try {
      await http(`/api/admin/after-sales/${id}/${action}`, { method: 'POST', body: { note: action === 'approve' ? '同意退款' : '不符合退款条件' } });
      void message.success(action === 'approve' ? '已同意，款项原路退回' : '已拒绝');
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const STATUS: Record<string, [string, string]> = { pending: ['待审核', 'orange'], refunding: ['退款中', 'processing'], completed: ['已退款', 'green'], rejected: ['已拒绝', 'default'], failed: ['失败', 'red'] };
  return (
    <Card title='售后退款'>
      <Table<AfterSaleRow> rowKey='id' loading={loading} dataSource={data?.items ?? []} pagination={false} locale={{ emptyText: '暂无售后申请' }} columns={[
        { title: '申请', dataIndex: 'id' },
        { title: '订单', dataIndex: 'orderId' },
        { title: '会员', dataIndex: 'memberId' },
        { title: '原因', dataIndex: 'reason' },
        { title: '退微信', dataIndex: 'cashFen', render: yuan },
        { title: '退余额', dataIndex: 'balanceFen', render: yuan },
        { title: '退积分', dataIndex: 'pointsReturned' },
        { title: '状态', dataIndex: 'status', render: (v) => <Tag color={STATUS[v]?.[1]}>{STATUS[v]?.[0] ?? v}</Tag> },
        { title: '操作', render: (_, a) => a.status === 'pending' && <Space><Button size='small' type='primary' onClick={() => review(a.id, 'approve')}>同意</Button><Button size='small' danger onClick={() => review(a.id, 'reject')}>拒绝</Button></Space> },
      ]} />
    </Card>
  );
}

export default function MallPage() {
  return <Tabs items={[{ key: 'orders', label: '订单', children: <OrdersTab /> }, { key: 'after-sales', label: '售后退款', children: <AfterSalesTab /> }, { key: 'products', label: '商品', children: <ProductsTab /> }, { key: 'coupons', label: '优惠券', children: <CouponsTab /> }]} />;
}
