import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime } from '../services/format';
import { http } from '../services/http';

interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  storeId: number | null;
  storeName: string | null;
  active: boolean;
  lastLoginAt: string | null;
}

interface AccountForm {
  username: string;
  password: string;
  displayName: string;
  role: string;
  storeId?: number;
}

const ROLE: Record<string, [string, string]> = { admin: ['超级管理员', 'red'], ops: ['运营', 'blue'], finance: ['财务', 'purple'], store_manager: ['店长', 'gold'], staff: ['导购', 'default'] };
const STORE_ROLES = ['store_manager', 'staff'];

export default function AccountsPage() {
  const { message } = App.useApp();
  const { data, loading, reload } = useLoad(() => http<{ items: AccountRow[] }>('/api/admin/accounts'));
  const stores = useLoad(() => http<{ items: { id: number; name: string }[] }>('/api/admin/stores'));
  const [creating, setCreating] = useState(false);
  const [invite, setInvite] = useState<{ name: string; code: string; expiresAt: string } | null>(null);
  const [form] = Form.useForm<AccountForm>();
  const role = Form.useWatch('role', form);

  const create = async () => {
    const v = await form.validateFields();
    try {
      await http('/api/admin/accounts', { method: 'POST', body: STORE_ROLES.includes(v.role) ? v : { ...v, storeId: undefined } });
      void message.success('账号已创建');
      setCreating(false);
      form.resetFields();
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const makeInvite = async (row: AccountRow) => {
    try {
      const r = await http<{ code: string; expiresAt: string }>(`/api/admin/accounts/${row.id}/invites`, { method: 'POST' });
      setInvite({ name: row.displayName, ...r });
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Card title='账号' extra={<Button type='primary' onClick={() => setCreating(true)}>新建账号</Button>}>
      <Table<AccountRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: string) => <Tag color={ROLE[r]?.[1]}>{ROLE[r]?.[0] ?? r}</Tag> },
          { title: '门店', dataIndex: 'storeName', render: (v) => v ?? '总部' },
          { title: '状态', dataIndex: 'active', render: (v) => (v ? <Tag color='green'>启用</Tag> : <Tag>停用</Tag>) },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: dateTime },
          { title: '操作', render: (_, row) => (STORE_ROLES.includes(row.role) && row.active ? <a onClick={() => makeInvite(row)}>生成小程序邀请码</a> : null) },
        ]}
      />
      <Modal title='新建账号' open={creating} onOk={create} onCancel={() => setCreating(false)} okText='创建' destroyOnClose>
        <Form form={form} layout='vertical' initialValues={{ role: 'staff' }}>
          <Form.Item name='username' label='用户名' rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '3-32 位小写字母开头的字母、数字或 _.-' }]}>
            <Input autoComplete='off' />
          </Form.Item>
          <Form.Item name='displayName' label='姓名' rules={[{ required: true, max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item name='password' label='初始密码' rules={[{ required: true, min: 8, message: '至少 8 位' }]}>
            <Input.Password autoComplete='new-password' />
          </Form.Item>
          <Form.Item name='role' label='角色' rules={[{ required: true }]}>
            <Select options={Object.entries(ROLE).map(([value, [label]]) => ({ value, label }))} />
          </Form.Item>
          {STORE_ROLES.includes(role) && (
            <Form.Item name='storeId' label='门店' rules={[{ required: true, message: '门店员工必须属于一个门店' }]}>
              <Select options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal title={`${invite?.name ?? ''} 的邀请码`} open={invite !== null} onCancel={() => setInvite(null)} footer={null}>
        <Space direction='vertical'>
          <Typography.Title level={2} copyable style={{ letterSpacing: 6, margin: 0 }} data-testid='invite-code'>
            {invite?.code}
          </Typography.Title>
          <Typography.Text type='secondary'>请员工在小程序「我的 → 员工工作台」输入，{dateTime(invite?.expiresAt)} 前有效，只能使用一次。</Typography.Text>
        </Space>
      </Modal>
    </Card>
  );
}
