import { Card, Table, Tag } from 'antd';
import { useLoad } from '../components/use-load';
import { http } from '../services/http';

interface StoreRow {
  id: number;
  name: string;
  address: string;
  openingHours: string;
  active: boolean;
  staffCount: number;
}

export default function StoresPage() {
  const { data, loading } = useLoad(() => http<{ items: StoreRow[] }>('/api/admin/stores'));
  return (
    <Card title='门店'>
      <Table<StoreRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 80 },
          { title: '门店', dataIndex: 'name' },
          { title: '地址', dataIndex: 'address' },
          { title: '营业时间', dataIndex: 'openingHours' },
          { title: '员工数', dataIndex: 'staffCount' },
          { title: '状态', dataIndex: 'active', render: (v) => (v ? <Tag color='green'>营业中</Tag> : <Tag>停业</Tag>) },
        ]}
      />
    </Card>
  );
}
