import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { POINTS_ENTRY_TITLES, type MemberPointsView, type PointsEntryView } from '@mall/shared';
import { EditModal } from '../../components/EditModal';
import { MemberLink } from '../../components/MemberLink';
import { MemberPicker } from '../../components/MemberPicker';
import { useAction } from '../../components/use-action';
import { dateTime } from '../../services/format';
import { http, newIdempotencyKey } from '../../services/http';

type Lot = MemberPointsView['lots'][number];

export function MemberTab() {
  const run = useAction();
  const [params, setParams] = useSearchParams();
  const linked = Number(params.get('memberId')) || null;
  const [memberId, setMemberId] = useState<number | null>(linked);
  const [view, setView] = useState<MemberPointsView | null>(null);
  const [loading, setLoading] = useState(false);
  /** The key of the adjustment being entered, kept if the operator has to submit it again. */
  const [adjustKey, setAdjustKey] = useState<string | null>(null);

  const load = async (id = view?.memberId ?? memberId) => {
    if (!id) return;
    setLoading(true);
    await run(async () => setView(await http<MemberPointsView>(`/api/admin/points/members/${id}`)));
    setLoading(false);
  };
  // Opened from a member's page (/points?tab=member&memberId=12): show that member at once.
  useEffect(() => {
    if (linked) void load(linked);
  }, [linked]);
  const pick = (id: number | null) => {
    setMemberId(id);
    if (id) setParams({ tab: 'member', memberId: String(id) }, { replace: true });
  };

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Space>
        <MemberPicker value={memberId} onChange={pick} />
        <Button type='primary' onClick={() => load(memberId)} loading={loading}>
          查询
        </Button>
        {view && <Button onClick={() => setAdjustKey(newIdempotencyKey())}>人工调整</Button>}
      </Space>
      {!view && <Empty description='按手机号、昵称或会员 ID 找到会员，查看积分批次与流水' />}
      {view && (
        <>
          {!view.consistent && <Alert type='error' showIcon message='积分缓存与批次/流水不一致，请联系技术排查' />}
          <Descriptions size='small' bordered column={3}>
            <Descriptions.Item label='会员'>
              <MemberLink id={view.memberId} />
            </Descriptions.Item>
            <Descriptions.Item label='可用积分'>{view.balance}</Descriptions.Item>
            <Descriptions.Item label='有效批次'>{view.lots.length}</Descriptions.Item>
          </Descriptions>
          <Card size='small' title='有效批次（先到期先用）'>
            <Table<Lot>
              rowKey='id'
              size='small'
              pagination={false}
              dataSource={view.lots}
              locale={{ emptyText: '没有未用完的积分' }}
              columns={[
                { title: '批次', dataIndex: 'id' },
                { title: '来源', dataIndex: 'source' },
                { title: '获得', dataIndex: 'amountPoints', align: 'right' },
                { title: '剩余', dataIndex: 'remainingPoints', align: 'right' },
                { title: '过期时间', dataIndex: 'expiresAt', render: (v: string) => dateTime(v) },
              ]}
            />
          </Card>
          <Card size='small' title='最近 50 条流水'>
            <Table<PointsEntryView>
              rowKey='id'
              size='small'
              pagination={false}
              dataSource={view.entries}
              locale={{ emptyText: '暂无流水' }}
              columns={[
                { title: '时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
                { title: '类型', dataIndex: 'kind', render: (_, e) => POINTS_ENTRY_TITLES[e.kind] ?? e.kind },
                { title: '说明', dataIndex: 'title' },
                {
                  title: '变动',
                  dataIndex: 'deltaPoints',
                  align: 'right',
                  render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? `+${v}` : v}</Typography.Text>,
                },
                { title: '余额', dataIndex: 'balanceAfter', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
      <EditModal<{ points: number; reason: string }>
        title={`调整会员 ${view?.memberId ?? ''} 的积分`}
        open={adjustKey !== null}
        onOpenChange={(open) => !open && setAdjustKey(null)}
        modalProps={{ okText: '确认调整' }}
        onFinish={async (body) => {
          const done = await run(
            () =>
              http(`/api/admin/points/members/${view!.memberId}/adjustments`, {
                method: 'POST',
                body,
                idempotencyKey: adjustKey!,
              }),
            '已调整',
          );
          if (done) void load();
          return done;
        }}
      >
        <ProFormDigit name='points' label='积分（负数为扣减）' rules={[{ required: true }]} fieldProps={{ precision: 0 }} />
        <ProFormTextArea name='reason' label='原因' rules={[{ required: true, min: 2, max: 120 }]} fieldProps={{ rows: 2 }} />
      </EditModal>
    </Space>
  );
}
