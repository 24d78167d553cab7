import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { ProForm, ProFormTextArea, type ProColumns } from '@ant-design/pro-components';
import { WALLET_ENTRY_TITLES, type AdminWalletView, type Fen, type WalletEntryView } from '@mall/shared';
import { AdminTable } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { MemberLink } from '../components/MemberLink';
import { MemberPicker } from '../components/MemberPicker';
import { labelValueEnum } from '../components/status';
import { useAction } from '../components/use-action';
import { YuanInput } from '../components/YuanInput';
import { dateTime, yuan } from '../services/format';
import { http, newIdempotencyKey } from '../services/http';
import { getSession } from '../services/session';

const KIND = labelValueEnum(WALLET_ENTRY_TITLES);

/** Signed money: +¥10.00 / -¥10.00 / - for no change. */
const delta = (fen: Fen) => (fen === 0 ? '-' : `${fen > 0 ? '+' : ''}${yuan(fen)}`);

const columns: ProColumns<WalletEntryView>[] = [
  { title: '时间', dataIndex: 'createdAt', width: 150, render: (_, e) => dateTime(e.createdAt) },
  {
    title: '类型',
    dataIndex: 'kind',
    valueEnum: KIND,
    filters: true,
    onFilter: true,
    render: (_, e) => e.title,
  },
  {
    title: '本金变动',
    dataIndex: 'deltaPrincipal',
    align: 'right',
    render: (_, e) => delta(e.deltaPrincipal),
  },
  { title: '赠送金变动', dataIndex: 'deltaBonus', align: 'right', render: (_, e) => delta(e.deltaBonus) },
  {
    title: '本金余额',
    dataIndex: 'principalAfter',
    align: 'right',
    render: (_, e) => yuan(e.principalAfter),
  },
  { title: '赠送金余额', dataIndex: 'bonusAfter', align: 'right', render: (_, e) => yuan(e.bonusAfter) },
  { title: '备注', dataIndex: 'note', ellipsis: true },
];

interface AdjustForm {
  deltaPrincipalFen: Fen | null;
  deltaBonusFen: Fen | null;
  reason: string;
}

export default function WalletsPage() {
  const run = useAction();
  const role = getSession()?.account.role;
  const canAdjust = role === 'admin' || role === 'finance';
  const [params, setParams] = useSearchParams();
  const linked = Number(params.get('memberId')) || null;
  const [memberId, setMemberId] = useState<number | null>(linked);
  const [view, setView] = useState<AdminWalletView | null>(null);
  const [loading, setLoading] = useState(false);
  /** The key of the adjustment being entered, kept if the operator has to submit it again. */
  const [adjustKey, setAdjustKey] = useState<string | null>(null);

  const load = async (id = view?.memberId ?? memberId) => {
    if (!id) return;
    setLoading(true);
    await run(async () => setView(await http<AdminWalletView>(`/api/admin/wallets/${id}?limit=50`)));
    setLoading(false);
  };
  // Opened from a member's page (/wallets?memberId=12): show that member's wallet at once.
  useEffect(() => {
    if (linked) void load(linked);
  }, [linked]);
  const pick = (id: number | null) => {
    setMemberId(id);
    if (id) setParams({ memberId: String(id) }, { replace: true });
  };

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Card title='会员钱包'>
        <Space>
          <MemberPicker value={memberId} onChange={pick} />
          <Button type='primary' onClick={() => load(memberId)} loading={loading}>
            查询
          </Button>
          {view && canAdjust && <Button onClick={() => setAdjustKey(newIdempotencyKey())}>人工调整</Button>}
        </Space>
        {view ? (
          <div style={{ marginTop: 16 }}>
            {!view.ledgerConsistent && <Alert type='error' showIcon message='缓存余额与流水合计不一致，请联系技术排查' style={{ marginBottom: 16 }} />}
            <Descriptions bordered size='small' column={5}>
              <Descriptions.Item label='会员'>
                <MemberLink id={view.memberId} />
              </Descriptions.Item>
              <Descriptions.Item label='本金'>{yuan(view.principal)}</Descriptions.Item>
              <Descriptions.Item label='赠送金'>{yuan(view.bonus)}</Descriptions.Item>
              <Descriptions.Item label='合计'>{yuan(view.total)}</Descriptions.Item>
              <Descriptions.Item label='支付密码'>
                {view.hasPin ? view.pinLocked ? <Tag color='red'>已锁定</Tag> : <Tag color='green'>已设置</Tag> : '未设置'}
              </Descriptions.Item>
            </Descriptions>
          </div>
        ) : (
          <Empty style={{ marginTop: 24 }} description='按手机号、昵称或会员 ID 找到会员，查看钱包余额与流水' />
        )}
      </Card>
      {view && (
        <AdminTable<WalletEntryView>
          tableKey='wallet-entries'
          headerTitle={`最近 50 条流水 · 会员 ${view.memberId}`}
          columns={columns}
          dataSource={view.entries.items}
          loading={loading}
          options={{ reload: () => void load() }}
          locale={{ emptyText: '暂无流水' }}
        />
      )}
      <EditModal<AdjustForm>
        title={`调整会员 ${view?.memberId ?? ''} 的钱包`}
        open={adjustKey !== null}
        onOpenChange={(open) => !open && setAdjustKey(null)}
        initialValues={{ deltaPrincipalFen: 0, deltaBonusFen: 0 }}
        modalProps={{ okText: '确认调整' }}
        onFinish={async ({ deltaPrincipalFen, deltaBonusFen, reason }) => {
          const body = {
            deltaPrincipalFen: deltaPrincipalFen ?? 0,
            deltaBonusFen: deltaBonusFen ?? 0,
            reason,
          };
          const done = await run(
            () =>
              http(`/api/admin/wallets/${view!.memberId}/adjustments`, {
                method: 'POST',
                body,
                idempotencyKey: adjustKey!,
              }),
            '调整已记账',
          );
          if (done) void load();
          return done;
        }}
      >
        <Alert type='warning' showIcon message='调整会记入流水并留下审计记录；扣减不会使余额为负。' style={{ marginBottom: 16 }} />
        <ProForm.Group>
          <ProForm.Item name='deltaPrincipalFen' label='本金（元，负数为扣减）'>
            <YuanInput min={null} />
          </ProForm.Item>
          <ProForm.Item name='deltaBonusFen' label='赠送金（元，负数为扣减）'>
            <YuanInput min={null} />
          </ProForm.Item>
        </ProForm.Group>
        <ProFormTextArea name='reason' label='原因' rules={[{ required: true, min: 2, max: 120 }]} fieldProps={{ rows: 2 }} />
      </EditModal>
    </Space>
  );
}
