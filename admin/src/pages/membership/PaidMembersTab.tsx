import { Table } from 'antd';
import type { ProColumns } from '@ant-design/pro-components';
import { MEMBERSHIP_PERIOD_STATES, type Fen, type PaidMemberView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { BoolBadge, stateValueEnum, StatusBadge } from '../../components/status';
import { dateTime, yuan } from '../../services/format';
import { http } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';

const PERIOD = stateValueEnum(MEMBERSHIP_PERIOD_STATES, { active: 'Success' });
type Period = PaidMemberView['periods'][number];

const columns: ProColumns<PaidMemberView>[] = [
  { title: '会员', dataIndex: 'memberId', render: (_, m) => <MemberLink id={m.memberId} /> },
  {
    title: '状态',
    dataIndex: 'active',
    render: (_, m) => <BoolBadge value={m.active} yes='SVIP 生效中' no='已到期' />,
  },
  { title: '到期时间', dataIndex: 'expiresAt', render: (_, m) => dateTime(m.expiresAt) },
  { title: '购买次数', key: 'count', align: 'right', render: (_, m) => m.periods.length },
];

export function PaidMembersTab() {
  return (
    <AdminTable<PaidMemberView>
      tableKey='paid-members'
      ghost
      rowKey='memberId'
      columns={columns}
      request={() => allRows(http<{ items: PaidMemberView[] }>('/api/admin/membership/members'))}
      locale={{ emptyText: '还没有付费会员' }}
      expandable={{
        expandedRowRender: (m) => (
          <Table<Period>
            rowKey={(p) => p.startsAt}
            size='small'
            pagination={false}
            dataSource={m.periods}
            columns={[
              { title: '开始', dataIndex: 'startsAt', render: (v: string) => dateTime(v) },
              { title: '结束', dataIndex: 'endsAt', render: (v: string) => dateTime(v) },
              { title: '金额', dataIndex: 'priceFen', align: 'right', render: (v: Fen) => yuan(v) },
              {
                title: '状态',
                dataIndex: 'status',
                render: (_, p) => <StatusBadge values={PERIOD} status={p.status} />,
              },
            ]}
          />
        ),
      }}
    />
  );
}
