import type { ProColumns } from '@ant-design/pro-components';
import { BINDING_ACTION_LABELS, type BindingHistoryView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { labelValueEnum } from '../../components/status';
import { useStoreOptions } from '../../components/use-stores';
import { dateTime } from '../../services/format';
import { http, qs } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';

const ACTION = labelValueEnum(BINDING_ACTION_LABELS, {
  bind: 'Success',
  rebind: 'Warning',
  transfer: 'Processing',
});

export function BindingsTab() {
  const stores = useStoreOptions();
  const columns: ProColumns<BindingHistoryView>[] = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (_, r) => dateTime(r.createdAt) },
    {
      title: '会员 ID',
      dataIndex: 'memberId',
      valueType: 'digit',
      search: true,
      hideInTable: true,
      hideInSetting: true,
      fieldProps: { min: 1, precision: 0, placeholder: '会员 ID' },
    },
    { title: '会员', key: 'member', render: (_, r) => <MemberLink id={r.memberId} /> },
    { title: '变更', dataIndex: 'action', valueEnum: ACTION, filters: true, onFilter: true, width: 130 },
    {
      title: '门店',
      dataIndex: 'storeId',
      valueType: 'select',
      search: true,
      fieldProps: { options: stores.options, loading: stores.loading },
      render: (_, r) => r.storeName,
    },
    {
      title: '导购',
      key: 'staff',
      render: (_, r) => (r.fromStaffName ? `${r.fromStaffName} → ${r.staffName ?? '无'}` : (r.staffName ?? '无（门店码）')),
    },
    { title: '操作人', dataIndex: 'byName', render: (_, r) => r.byName ?? '-' },
  ];
  return (
    <AdminTable<BindingHistoryView, { memberId?: number; storeId?: number }>
      tableKey='bindings'
      ghost
      columns={columns}
      request={({ memberId, storeId }) => allRows(http<{ items: BindingHistoryView[] }>(`/api/admin/bindings${qs({ memberId, storeId })}`))}
      headerTitle='最近 200 条绑定变更'
      locale={{ emptyText: '暂无绑定记录' }}
    />
  );
}
