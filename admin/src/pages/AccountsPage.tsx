import { Card, Table, Tag } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime } from '../services/format';
import { http } from '../services/http';

interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  storeName: string | null;
  active: boolean;
  lastLoginAt: string | null;
}

const ROLE: Record<string, [string, string]> = { admin: ['超级管理员', 'red'], ops: ['运营', 'blue'], finance: ['财务', 'purple'], store_manager: ['店长', 'gold'], staff: ['导购', 'default'] };

export default function AccountsPage() {
  const { data, loading } = useLoad(() => http<{ items: AccountRow[] }>('/api/admin/accounts'));
  return (
    <Card title='账号'>
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
        ]}
      />
    </Card>
  );
}
