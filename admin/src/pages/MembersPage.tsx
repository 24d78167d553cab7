import type { ProColumns } from '@ant-design/pro-components';
import type { AdminMemberListItem, Page } from '@mall/shared';
import { AdminTable, pageRows } from '../components/AdminTable';
import { MemberLink } from '../components/MemberLink';
import { dateTime } from '../services/format';
import { http, qs } from '../services/http';

const columns: ProColumns<AdminMemberListItem>[] = [
  {
    title: '关键词',
    dataIndex: 'keyword',
    search: true,
    hideInTable: true,
    hideInSetting: true,
    fieldProps: { placeholder: '会员 ID / 手机号 / 昵称', maxLength: 64 },
  },
  { title: 'ID', dataIndex: 'id', width: 80 },
  { title: '昵称', dataIndex: 'nickname', render: (_, m) => <MemberLink id={m.id} name={m} /> },
  { title: '手机号', dataIndex: 'phoneMasked', render: (_, m) => m.phoneMasked ?? '未绑定' },
  { title: 'OpenID', dataIndex: 'openidMasked' },
  { title: '注册时间', dataIndex: 'createdAt', render: (_, m) => dateTime(m.createdAt) },
  { title: '最近登录', dataIndex: 'lastLoginAt', render: (_, m) => dateTime(m.lastLoginAt) },
];

export default function MembersPage() {
  return (
    <AdminTable<AdminMemberListItem, { keyword?: string }>
      tableKey='members'
      headerTitle='会员列表'
      columns={columns}
      request={({ current, pageSize, keyword }) =>
        pageRows(http<Page<AdminMemberListItem>>(`/api/admin/members${qs({ page: current, pageSize, keyword: keyword?.trim() })}`))
      }
      pagination={{ showTotal: (total) => `共 ${total} 位会员` }}
    />
  );
}
