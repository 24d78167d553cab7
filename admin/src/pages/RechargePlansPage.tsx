import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ProForm,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  type ActionType,
  type ProColumns,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { ApiError, type AdminRechargePlanView, type Fen, type MembershipPlanView, type SpendRule, type WalletSettingsView } from '@mall/shared';
import { AdminTable, allRows } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { BoolBadge } from '../components/status';
import { useAction } from '../components/use-action';
import { PercentBpsInput, YuanInput } from '../components/YuanInput';
import { dateTime, yuan } from '../services/format';
import { useLoad } from '../components/use-load';
import { http } from '../services/http';
import { getSession } from '../services/session';

type PlanRow = AdminRechargePlanView;

interface PlanForm {
  name: string;
  payFen: Fen;
  bonusFen: Fen;
  bonusPoints?: number;
  bonusGrowth?: number;
  membershipDays?: number | null;
  membershipPlanId?: number | null;
  badge?: string;
  perMemberLimit?: number | null;
  sortOrder?: number;
  enabled: boolean;
}

const MEMBERSHIP_PLAN_REQUIRED = '赠送付费会员天数时请选择会员方案';

/** The server's field errors (400 VALIDATION_FAILED details.fields) on the form's fields; false when there were none. */
function showFieldErrors(form: ProFormInstance | undefined, error: unknown, fields: string[]): boolean {
  const details = error instanceof ApiError ? (error.details as { fields?: { field: string; errors?: string[] }[] } | undefined) : undefined;
  const known = details?.fields?.filter((f) => fields.includes(f.field)) ?? [];
  if (!form || known.length === 0) return false;
  form.setFields(known.map((f) => ({ name: f.field, errors: [f.field === 'membershipPlanId' ? MEMBERSHIP_PLAN_REQUIRED : (error as Error).message] })));
  return true;
}

/** 送 30 天 SVIP (会员方案名) in the list; a grant without a plan gives members nothing, so it says so. */
function MembershipGrant({ row, plans }: { row: PlanRow; plans: MembershipPlanView[] }) {
  if (!row.membershipDays) return <>-</>;
  if (!row.membershipPlanId) return <Tag color='warning'>{row.membershipDays} 天 SVIP 未选方案，不生效</Tag>;
  const plan = plans.find((p) => p.id === row.membershipPlanId);
  return (
    <Space direction='vertical' size={0}>
      <Tag color='gold'>送 {row.membershipDays} 天 SVIP</Tag>
      {plan && <Typography.Text type='secondary'>{plan.name}</Typography.Text>}
    </Space>
  );
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
  const { message } = App.useApp();
  const table = useRef<ActionType>();
  const form = useRef<ProFormInstance>();
  const [editing, setEditing] = useState<PlanRow | 'new' | null>(null);
  const membershipPlans = useLoad(() => http<{ items: MembershipPlanView[] }>('/api/admin/membership/plans').then((r) => r.items));
  const plans = membershipPlans.data ?? [];

  const save = async (v: PlanForm) => {
    const body = {
      ...v,
      bonusPoints: v.bonusPoints ?? 0,
      bonusGrowth: v.bonusGrowth ?? 0,
      membershipDays: v.membershipDays ?? 0,
      membershipPlanId: v.membershipPlanId ?? null,
      badge: v.badge ?? '',
      sortOrder: v.sortOrder ?? 0,
      perMemberLimit: v.perMemberLimit ?? undefined,
    };
    try {
      await (editing === 'new'
        ? http('/api/admin/recharge-plans', { method: 'POST', body })
        : http(`/api/admin/recharge-plans/${(editing as PlanRow).id}`, { method: 'PATCH', body }));
    } catch (error) {
      // A refusal about a field is shown on that field (the form stays open); anything else as a message.
      if (!showFieldErrors(form.current, error, ['membershipPlanId', 'membershipDays'])) void message.error((error as Error).message);
      return false;
    }
    void message.success('已保存（已有充值记录不受影响）');
    void table.current?.reload();
    return true;
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
    { title: '赠 SVIP', dataIndex: 'membershipDays', render: (_, r) => <MembershipGrant row={r} plans={plans} /> },
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
                membershipDays: editing.membershipDays,
                membershipPlanId: editing.membershipPlanId,
                badge: editing.badge,
                perMemberLimit: editing.perMemberLimit,
                sortOrder: editing.sortOrder,
                enabled: editing.enabled,
              }
        }
        formRef={form}
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
          <ProFormDigit
            name='membershipDays'
            label='赠送付费会员天数'
            min={0}
            max={3660}
            fieldProps={{ precision: 0, addonAfter: '天' }}
            width='xs'
            placeholder='0'
            tooltip='充值到账时赠送的 SVIP 天数，按所选会员方案的权益生效'
          />
          <ProFormDependency name={['membershipDays']}>
            {({ membershipDays }) => (
              <ProFormSelect
                name='membershipPlanId'
                label='会员方案'
                width='md'
                placeholder={(membershipDays ?? 0) > 0 ? '请选择会员方案' : '赠送天数大于 0 时必选'}
                allowClear
                dependencies={['membershipDays']}
                fieldProps={{ loading: membershipPlans.loading, notFoundContent: membershipPlans.loading ? '加载中…' : '暂无会员方案' }}
                options={plans.map((p) => ({ value: p.id, label: p.enabled ? p.name : `${p.name}（已停用）` }))}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_: unknown, value: number | null | undefined) =>
                      (getFieldValue('membershipDays') ?? 0) > 0 && !value ? Promise.reject(new Error(MEMBERSHIP_PLAN_REQUIRED)) : Promise.resolve(),
                  }),
                ]}
              />
            )}
          </ProFormDependency>
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
