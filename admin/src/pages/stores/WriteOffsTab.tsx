import type { ProColumns } from '@ant-design/pro-components';
import { WRITE_OFF_KIND_LABELS, type AdminWriteOffView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { labelValueEnum } from '../../components/status';
import { useStoreOptions } from '../../components/use-stores';
import { dateTime } from '../../services/format';
import { http, qs } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';

const KIND = labelValueEnum(WRITE_OFF_KIND_LABELS, {
  order_pickup: 'Processing',
  points_gift: 'Warning',
  coupon: 'Success',
});

export function WriteOffsTab() {
  const stores = useStoreOptions();
  const columns: ProColumns<AdminWriteOffView>[] = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (_, r) => dateTime(r.createdAt) },
    { title: '类型', dataIndex: 'kind', valueEnum: KIND, filters: true, onFilter: true, width: 120 },
    { title: '内容', dataIndex: 'title' },
    { title: '会员', key: 'member', render: (_, r) => <MemberLink id={r.memberId} /> },
    {
      title: '门店',
      dataIndex: 'storeId',
      valueType: 'select',
      search: true,
      fieldProps: { options: stores.options, loading: stores.loading },
      render: (_, r) => stores.items.find((s) => s.id === r.storeId)?.name ?? `#${r.storeId}`,
    },
  ];
  return (
    <AdminTable<AdminWriteOffView, { storeId?: number }>
      tableKey='write-offs'
      ghost
      columns={columns}
      request={({ storeId }) => allRows(http<{ items: AdminWriteOffView[] }>(`/api/admin/write-offs${qs({ storeId })}`))}
      headerTitle='最近 200 条核销'
      locale={{ emptyText: '暂无核销记录' }}
    />
  );
}
