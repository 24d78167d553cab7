import { useState } from 'react';
import { Card, Input, Table } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime } from '../services/format';
import { http } from '../services/http';

interface MemberRow {
  id: number;
  nickname: string;
  phoneMasked: string | null;
  openidMasked: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export default function MembersPage() {
  const [page, setPage] = useState(1);
  const [keyword, setKeyword] = useState('');
  const { data, loading } = useLoad(() => http<{ items: MemberRow[]; total: number }>(`/api/admin/members?page=${page}&pageSize=20&keyword=${encodeURIComponent(keyword)}`), [page, keyword]);
  return (
    <Card title='会员列表' extra={<Input.Search allowClear placeholder='会员 ID / 手机号 / 昵称' onSearch={(v) => { setPage(1); setKeyword(v); }} style={{ width: 280 }} />}>
      <Table<MemberRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 位会员` }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 80 },
          { title: '昵称', dataIndex: 'nickname' },
          { title: '手机号', dataIndex: 'phoneMasked', render: (v) => v ?? '未绑定' },
          { title: 'OpenID', dataIndex: 'openidMasked' },
          { title: '注册时间', dataIndex: 'createdAt', render: dateTime },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: dateTime },
        ]}
      />
    </Card>
  );
}
