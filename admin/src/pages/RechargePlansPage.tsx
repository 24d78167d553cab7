import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { Fen, RechargePlanView, SpendRule, WalletSettingsView } from '@mall/shared';
import { AdminTable, allRows } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { BoolBadge } from '../components/status';
import { useAction } from '../components/use-action';
import { PercentBpsInput, YuanInput } from '../components/YuanInput';
import { dateTime, yuan } from '../services/format';
import { http } from '../services/http';
import { getSession } from '../services/session';

/** GET /api/admin/recharge-plans rows: the member-facing view plus what only ops see (shared has no admin plan view yet). */
type PlanRow = RechargePlanView & {
  enabled: boolean;
  sortOrder: number;
  startsAt: string | null;
  couponTemplateIds: number[];
  grantTierLevel: number | null;
};

interface PlanForm {
  name: string;
  payFen: Fen;
  bonusFen: Fen;
  bonusPoints?: number;
  bonusGrowth?: number;
  badge?: string;
  perMemberLimit?: number | null;
  sortOrder?: number;
  enabled: boolean;
}

const SPEND_RULE_TEXT: Record<SpendRule, string> = {
  proportional: '按余额比例扣本金和赠送金',
  bonus_first: '先扣赠送金',
  principal_first: '先扣本金',
};

function SettingsCard() {
  const run = useAction();
  const { message } = App.useApp();
  const role = getSession()?.account.role;
  const canEdit = role === 'admin' || role === 'finance';
  return (
    <Card title='储值规则'>
      {!canEdit && <Alert type='info' showIcon style={{ marginBottom: 16 }} message='储值规则由财务修改' />}
      <ProForm<WalletSettingsView>
        layout='inline'
        disabled={!canEdit}
        request={() =>
          http<WalletSettingsView>('/api/admin/wallet/settings').catch((e: Error) => {
            void message.error(e.message);
            return {} as WalletSettingsView;
          })
        }
        onFinish={(body) => run(() => http('/api/admin/wallet/settings', { method: 'PUT', body }), '储值规则已更新')}
        submitter={canEdit ? { searchConfig: { submitText: '保存规则' }, resetButtonProps: false } : false}
      >
        <ProFormSelect name='spendRule' label='余额扣减' valueEnum={SPEND_RULE_TEXT} width={220} allowClear={false} />
        <ProForm.Item name='pinRequiredFromFen' label='需支付密码（起）'>
          <YuanInput />
        </ProForm.Item>
        <ProFormSwitch name='customEnabled' label='自定义金额' />
        <ProForm.Item name='customMinFen' label='最低'>
          <YuanInput min={1} />
        </ProForm.Item>
        <ProForm.Item name='customMaxFen' label='最高'>
          <YuanInput min={1} />
        </ProForm.Item>
        <ProForm.Item name='customBonusRateBps' label='自定义赠送比例'>
          <PercentBpsInput maxBps={5000} />
        </ProForm.Item>
      </ProForm>
    </Card>
  );
}

export default function RechargePlansPage() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<PlanRow | 'new' | null>(null);

  const save = async (v: PlanForm) => {
    const body = {
      ...v,
      bonusPoints: v.bonusPoints ?? 0,
      bonusGrowth: v.bonusGrowth ?? 0,
      badge: v.badge ?? '',
      sortOrder: v.sortOrder ?? 0,
      perMemberLimit: v.perMemberLimit ?? undefined,
    };
    const done = await run(
      () =>
        editing === 'new'
          ? http('/api/admin/recharge-plans', { method: 'POST', body })
          : http(`/api/admin/recharge-plans/${(editing as PlanRow).id}`, { method: 'PATCH', body }),
      '已保存（已有充值记录不受影响）',
    );
    if (done) void table.current?.reload();
    return done;
  };

  const columns: ProColumns<PlanRow>[] = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (_, r) => (
        <Space>
          {r.name}
          {r.badge && <Tag color='red'>{r.badge}</Tag>}
        </Space>
      ),
    },
    { title: '支付', dataIndex: 'payFen', align: 'right', render: (_, r) => yuan(r.payFen) },
    { title: '赠送金', dataIndex: 'bonusFen', align: 'right', render: (_, r) => yuan(r.bonusFen) },
    { title: '赠积分', dataIndex: 'bonusPoints', align: 'right' },
    { title: '赠成长值', dataIndex: 'bonusGrowth', align: 'right' },
    { title: '每人限购', dataIndex: 'perMemberLimit', render: (_, r) => r.perMemberLimit ?? '不限' },
    { title: '结束时间', dataIndex: 'endsAt', render: (_, r) => (r.endsAt ? dateTime(r.endsAt) : '长期') },
    { title: '排序', dataIndex: 'sortOrder', align: 'right', width: 70 },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 90,
      render: (_, r) => <BoolBadge value={r.enabled} yes='上架' no='下架' />,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      render: (_, r) => <a onClick={() => setEditing(r)}>编辑</a>,
    },
  ];

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <AdminTable<PlanRow>
        tableKey='recharge-plans'
        headerTitle='充值方案'
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: PlanRow[] }>('/api/admin/recharge-plans'))}
        toolBarRender={() => [
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建方案
          </Button>,
        ]}
      />
      <SettingsCard />
      <EditModal<PlanForm>
        title={editing === 'new' ? '新建充值方案' : '编辑充值方案'}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={
          editing === 'new' || editing === null
            ? { payFen: 10000, bonusFen: 0, enabled: true, sortOrder: 0 }
            : {
                name: editing.name,
                payFen: editing.payFen,
                bonusFen: editing.bonusFen,
                bonusPoints: editing.bonusPoints,
                bonusGrowth: editing.bonusGrowth,
                badge: editing.badge,
                perMemberLimit: editing.perMemberLimit,
                sortOrder: editing.sortOrder,
                enabled: editing.enabled,
              }
        }
        modalProps={{ okText: '保存' }}
        onFinish={save}
      >
        <ProFormText name='name' label='名称' rules={[{ required: true, max: 32 }]} placeholder='充 500 送 50' />
        <ProForm.Group>
          <ProForm.Item name='payFen' label='支付金额（元）' rules={[{ required: true, message: '请输入支付金额' }]}>
            <YuanInput min={1} />
          </ProForm.Item>
          <ProForm.Item name='bonusFen' label='赠送金（元）' rules={[{ required: true, message: '请输入赠送金' }]}>
            <YuanInput />
          </ProForm.Item>
        </ProForm.Group>
        <ProForm.Group>
          <ProFormDigit name='bonusPoints' label='赠积分' min={0} fieldProps={{ precision: 0 }} width='xs' />
          <ProFormDigit name='bonusGrowth' label='赠成长值' min={0} fieldProps={{ precision: 0 }} width='xs' />
          <ProFormDigit name='perMemberLimit' label='每人限购次数' min={1} fieldProps={{ precision: 0 }} width='xs' placeholder='不限' />
        </ProForm.Group>
        <ProForm.Group>
          <ProFormText name='badge' label='角标' fieldProps={{ maxLength: 16 }} placeholder='最受欢迎' width='sm' />
          <ProFormDigit name='sortOrder' label='排序' fieldProps={{ precision: 0 }} width='xs' />
          <ProFormSwitch name='enabled' label='上架' />
        </ProForm.Group>
      </EditModal>
    </Space>
  );
}
