import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Image, Input, InputNumber, Modal, Progress, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { StaffPerformance, StaffPerformanceRow } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { dateTime, yuan } from '../services/format';
import { http } from '../services/http';

interface StoreRow {
  id: number;
  name: string;
  address: string;
  openingHours: string;
  active: boolean;
  staffCount: number;
}

interface StoreForm {
  name: string;
  address?: string;
  openingHours?: string;
  latitude?: number;
  longitude?: number;
}

type Totals = Omit<StaffPerformanceRow, 'staffAccountId' | 'staffName'>;
interface Leaderboard {
  from: string;
  to: string;
  stores: (Totals & { storeId: number; storeName: string })[];
  staff: (StaffPerformanceRow & { storeName: string })[];
}

interface HistoryRow {
  id: number;
  memberId: number;
  nickname: string;
  storeName: string;
  action: 'bind' | 'rebind' | 'transfer';
  staffName: string | null;
  fromStaffName: string | null;
  byName: string | null;
  createdAt: string;
}

interface WriteOffRow {
  id: number;
  kind: 'order_pickup' | 'points_gift' | 'coupon';
  title: string;
  nickname: string;
  storeId: number;
  staffAccountId: number;
  createdAt: string;
}

interface StaffRow {
  id: number;
  displayName: string;
  role: string;
  active: boolean;
}

const ACTION: Record<HistoryRow['action'], [string, string]> = { bind: ['首次绑定', 'green'], rebind: ['过保护期改绑', 'orange'], transfer: ['转移', 'blue'] };
const WRITE_OFF: Record<WriteOffRow['kind'], string> = { order_pickup: '自提订单', points_gift: '积分礼品', coupon: '优惠券' };

function Period({ value, onChange }: { value: [Dayjs, Dayjs]; onChange: (v: [Dayjs, Dayjs]) => void }) {
  return <DatePicker.RangePicker allowClear={false} value={value} onChange={(v) => v?.[0] && v[1] && onChange([v[0], v[1]])} />;
}

function StoresTab() {
  const { message } = App.useApp();
  const stores = useLoad(() => http<{ items: StoreRow[] }>('/api/admin/stores'));
  const [editing, setEditing] = useState<StoreRow | 'new' | null>(null);
  const [poster, setPoster] = useState<{ name: string; image: string } | null>(null);
  const [performance, setPerformance] = useState<StaffPerformance | null>(null);
  const [form] = Form.useForm<StoreForm>();

  const open = (row: StoreRow | 'new') => {
    setEditing(row);
    form.setFieldsValue(row === 'new' ? { name: '', address: '', openingHours: '10:00-22:00' } : row);
  };
  const save = async () => {
    const body = await form.validateFields();
    try {
      if (editing === 'new') await http('/api/admin/stores', { method: 'POST', body });
      else await http(`/api/admin/stores/${(editing as StoreRow).id}`, { method: 'PUT', body });
      void message.success('门店已保存');
      setEditing(null);
      void stores.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const showPoster = async (row: StoreRow) => {
    try {
      setPoster({ name: row.name, image: (await http<{ image: string }>(`/api/admin/stores/${row.id}/poster`)).image });
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const showPerformance = async (row: StoreRow) => {
    try {
      setPerformance(await http<StaffPerformance>(`/api/admin/stores/${row.id}/performance`));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type='primary' onClick={() => open('new')} data-testid='store-new'>
          新建门店
        </Button>
      </Space>
      <Table<StoreRow>
        rowKey='id'
        loading={stores.loading}
        dataSource={stores.data?.items ?? []}
        pagination={false}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: '门店', dataIndex: 'name' },
          { title: '地址', dataIndex: 'address' },
          { title: '营业时间', dataIndex: 'openingHours' },
          { title: '员工数', dataIndex: 'staffCount' },
          { title: '状态', dataIndex: 'active', render: (v) => (v ? <Tag color='green'>营业中</Tag> : <Tag>停业</Tag>) },
          {
            title: '操作',
            render: (_, row) => (
              <Space>
                <a onClick={() => open(row)}>编辑</a>
                <a onClick={() => showPerformance(row)}>本月业绩</a>
                <a onClick={() => showPoster(row)}>门店码</a>
              </Space>
            ),
          },
        ]}
      />
      <Modal title={editing === 'new' ? '新建门店' : '编辑门店'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} okText='保存' destroyOnClose>
        <Form form={form} layout='vertical'>
          <Form.Item name='name' label='门店名称' rules={[{ required: true, max: 64 }]}>
            <Input placeholder='如：上海南京西路旗舰店' />
          </Form.Item>
          <Form.Item name='address' label='地址' rules={[{ max: 255 }]}>
            <Input />
          </Form.Item>
          <Form.Item name='openingHours' label='营业时间' rules={[{ max: 64 }]}>
            <Input placeholder='10:00-22:00' />
          </Form.Item>
          <Space>
            <Form.Item name='latitude' label='纬度'>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name='longitude' label='经度'>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: 180 }} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal title={`${poster?.name ?? ''} · 门店码`} open={poster !== null} onCancel={() => setPoster(null)} footer={null}>
        {poster && <Image src={poster.image} width={280} preview={false} />}
        <p style={{ color: '#8c8c8c' }}>新顾客扫此码注册，自动绑定到本门店（不指定导购）。</p>
      </Modal>
      <Modal title={`${performance?.store.name ?? ''} · 本月导购业绩`} open={performance !== null} onCancel={() => setPerformance(null)} footer={null} width={760}>
        {performance && <PerformanceTable rows={performance.rows} />}
      </Modal>
    </>
  );
}

function PerformanceTable({ rows }: { rows: (StaffPerformanceRow & { storeName?: string })[] }) {
  const best = Math.max(1, ...rows.map((r) => r.gmvFen));
  return (
    <Table
      rowKey={(r) => `${r.storeName ?? ''}-${r.staffAccountId ?? 'store'}`}
      dataSource={rows}
      pagination={false}
      size='small'
      columns={[
        { title: '导购', dataIndex: 'staffName' },
        ...(rows.some((r) => r.storeName) ? [{ title: '门店', dataIndex: 'storeName' }] : []),
        { title: '新绑定', dataIndex: 'newBindings' },
        { title: '名下会员', dataIndex: 'boundMembers' },
        { title: '商城 GMV', dataIndex: 'gmvFen', render: (v: number) => <Space><Progress percent={Math.round((v / best) * 100)} showInfo={false} size='small' style={{ width: 80 }} strokeColor='#c8a063' />{yuan(v)}</Space> },
        { title: '储值', dataIndex: 'rechargeFen', render: yuan },
        { title: 'SVIP', dataIndex: 'svipFen', render: yuan },
      ]}
    />
  );
}

function LeaderboardTab() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const board = useLoad(() => http<Leaderboard>(`/api/admin/leaderboard?from=${range[0].startOf('day').toISOString()}&to=${range[1].endOf('day').toISOString()}`), [range[0].valueOf(), range[1].valueOf()]);
  const best = Math.max(1, ...(board.data?.stores ?? []).map((s) => s.gmvFen));
  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Period value={range} onChange={setRange} />
      <Card size='small' title='门店排行'>
        <Table
          rowKey='storeId'
          loading={board.loading}
          dataSource={board.data?.stores ?? []}
          pagination={false}
          size='small'
          columns={[
            { title: '#', render: (_, __, i) => i + 1, width: 50 },
            { title: '门店', dataIndex: 'storeName' },
            { title: '新绑定', dataIndex: 'newBindings' },
            { title: '绑定会员', dataIndex: 'boundMembers' },
            { title: '商城 GMV', dataIndex: 'gmvFen', render: (v: number) => <Space><Progress percent={Math.round((v / best) * 100)} showInfo={false} size='small' style={{ width: 120 }} strokeColor='#c8a063' />{yuan(v)}</Space> },
            { title: '储值', dataIndex: 'rechargeFen', render: yuan },
            { title: 'SVIP', dataIndex: 'svipFen', render: yuan },
          ]}
        />
      </Card>
      <Card size='small' title='导购排行（前 50）'>
        <PerformanceTable rows={board.data?.staff ?? []} />
      </Card>
    </Space>
  );
}

function BindingsTab() {
  const [memberId, setMemberId] = useState<number | null>(null);
  const history = useLoad(() => http<{ items: HistoryRow[] }>(`/api/admin/bindings${memberId ? `?memberId=${memberId}` : ''}`), [memberId]);
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <InputNumber placeholder='按会员 ID 筛选' min={1} style={{ width: 200 }} onChange={(v) => setMemberId(typeof v === 'number' ? v : null)} />
      </Space>
      <Table<HistoryRow>
        rowKey='id'
        loading={history.loading}
        dataSource={history.data?.items ?? []}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: dateTime },
          { title: '会员', render: (_, r) => `${r.nickname || '会员'}（ID ${r.memberId}）` },
          { title: '变更', dataIndex: 'action', render: (a: HistoryRow['action']) => <Tag color={ACTION[a][1]}>{ACTION[a][0]}</Tag> },
          { title: '门店', dataIndex: 'storeName' },
          { title: '导购', render: (_, r) => (r.fromStaffName ? `${r.fromStaffName} → ${r.staffName ?? '无'}` : (r.staffName ?? '无（门店码）')) },
          { title: '操作人', dataIndex: 'byName', render: (v) => v ?? '-' },
        ]}
      />
    </>
  );
}

function TransferTab() {
  const { message, modal } = App.useApp();
  const stores = useLoad(() => http<{ items: StoreRow[] }>('/api/admin/stores'));
  const [form] = Form.useForm<{ storeId: number; fromStaffId: number; toStaffId: number; memberId?: number }>();
  const storeId = Form.useWatch('storeId', form);
  const staff = useLoad(() => (storeId ? http<{ items: StaffRow[] }>(`/api/admin/stores/${storeId}/staff`) : Promise.resolve({ items: [] })), [storeId]);
  const staffOptions = (staff.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}${a.active ? '' : '（已停用）'}` }));
  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: v.memberId ? '转移该会员？' : '转移该导购名下全部会员？',
      content: '转移后新订单计入新导购，历史业绩不变。',
      onOk: async () => {
        try {
          const r = await http<{ moved: number }>('/api/admin/transfers', { method: 'POST', body: v.memberId ? v : { storeId: v.storeId, fromStaffId: v.fromStaffId, toStaffId: v.toStaffId } });
          void message.success(`已转移 ${r.moved} 位会员`);
          form.resetFields(['memberId']);
        } catch (e) {
          void message.error((e as Error).message);
        }
      },
    });
  };
  return (
    <Form form={form} layout='vertical' style={{ maxWidth: 480 }}>
      <Form.Item name='storeId' label='门店' rules={[{ required: true }]}>
        <Select options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name='fromStaffId' label='转出导购（离职或转出方）' rules={[{ required: true }]}>
        <Select options={staffOptions} />
      </Form.Item>
      <Form.Item name='toStaffId' label='转入导购' rules={[{ required: true }]}>
        <Select options={staffOptions} />
      </Form.Item>
      <Form.Item name='memberId' label='只转移这位会员（留空则转移全部：离职继承）'>
        <InputNumber min={1} style={{ width: '100%' }} placeholder='会员 ID' />
      </Form.Item>
      <Button type='primary' onClick={submit}>
        转移
      </Button>
    </Form>
  );
}

function WriteOffsTab() {
  const rows = useLoad(() => http<{ items: WriteOffRow[] }>('/api/admin/write-offs'));
  const stores = useLoad(() => http<{ items: StoreRow[] }>('/api/admin/stores'));
  return (
    <Table<WriteOffRow>
      rowKey='id'
      loading={rows.loading}
      dataSource={rows.data?.items ?? []}
      columns={[
        { title: '时间', dataIndex: 'createdAt', render: dateTime },
        { title: '类型', dataIndex: 'kind', render: (k: WriteOffRow['kind']) => <Tag>{WRITE_OFF[k]}</Tag> },
        { title: '内容', dataIndex: 'title' },
        { title: '会员', dataIndex: 'nickname' },
        { title: '门店', dataIndex: 'storeId', render: (id: number) => stores.data?.items.find((s) => s.id === id)?.name ?? id },
      ]}
    />
  );
}

function PolicyTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ protectionDays: number; rebindAfterProtection: boolean }>();
  const policy = useLoad(async () => {
    const p = await http<{ protectionDays: number; rebindAfterProtection: boolean }>('/api/admin/binding-policy');
    form.setFieldsValue(p);
    return p;
  });
  const save = async () => {
    try {
      policy.setData(await http('/api/admin/binding-policy', { method: 'PUT', body: await form.validateFields() }));
      void message.success('绑定规则已保存，对之后的扫码生效');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Form form={form} layout='vertical' style={{ maxWidth: 480 }} disabled={policy.loading}>
      <Alert type='info' showIcon style={{ marginBottom: 16 }} message='首次绑定优先：保护期内其他导购扫码不会改绑；已有绑定的保护期按绑定时的规则计算。' />
      <Form.Item name='protectionDays' label='保护期（天）' rules={[{ required: true }]}>
        <InputNumber min={0} max={3650} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name='rebindAfterProtection' label='保护期后允许其他导购扫码改绑' valuePropName='checked'>
        <Switch checkedChildren='允许' unCheckedChildren='永久绑定' />
      </Form.Item>
      <Button type='primary' onClick={save}>
        保存
      </Button>
    </Form>
  );
}

export default function StoresPage() {
  return (
    <Card title='门店与导购'>
      <Tabs
        items={[
          { key: 'stores', label: '门店', children: <StoresTab /> },
          { key: 'leaderboard', label: '业绩排行', children: <LeaderboardTab /> },
          { key: 'bindings', label: '绑定记录', children: <BindingsTab /> },
          { key: 'transfer', label: '会员转移', children: <TransferTab /> },
          { key: 'write-offs', label: '核销记录', children: <WriteOffsTab /> },
          { key: 'policy', label: '绑定规则', children: <PolicyTab /> },
        ]}
      />
    </Card>
  );
}
