import { useRef, useState } from 'react';
import { Button } from 'antd';
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
} from '@ant-design/pro-components';
import type { Fen, MembershipPlanView, PeriodUnit } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { BoolBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { yuan } from '../../services/format';
import { http } from '../../services/http';

const UNIT: Record<PeriodUnit, string> = { month: '月卡', quarter: '季卡', year: '年卡', days: '按天' };

interface PlanForm {
  name: string;
  periodUnit: PeriodUnit;
  periodDays?: number;
  priceFen: Fen;
  strikePriceFen?: Fen | null;
  firstPurchasePriceFen?: Fen | null;
  refundDays: number;
  tagline?: string;
  sortOrder?: number;
  enabled: boolean;
}

export function PlansTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<MembershipPlanView | 'new' | null>(null);

  const save = async (v: PlanForm) => {
    const body = {
      name: v.name,
      periodUnit: v.periodUnit,
      ...(v.periodUnit === 'days' ? { periodDays: v.periodDays } : {}),
      priceFen: v.priceFen,
      ...(v.strikePriceFen ? { strikePriceFen: v.strikePriceFen } : {}),
      ...(v.firstPurchasePriceFen ? { firstPurchasePriceFen: v.firstPurchasePriceFen } : {}),
      refundDays: v.refundDays,
      tagline: v.tagline ?? '',
      sortOrder: v.sortOrder ?? 0,
      enabled: v.enabled,
    };
    const done = await run(
      () =>
        http(editing === 'new' ? '/api/admin/membership/plans' : `/api/admin/membership/plans/${(editing as MembershipPlanView).id}`, {
          method: editing === 'new' ? 'POST' : 'PATCH',
          body,
        }),
      '方案已保存（已售出的会员期不受影响）',
    );
    if (done) void table.current?.reload();
    return done;
  };

  const columns: ProColumns<MembershipPlanView>[] = [
    { title: '名称', dataIndex: 'name' },
    {
      title: '周期',
      dataIndex: 'periodUnit',
      render: (_, p) => (p.periodUnit === 'days' ? `${p.periodDays} 天` : UNIT[p.periodUnit]),
    },
    { title: '价格', dataIndex: 'priceFen', align: 'right', render: (_, p) => yuan(p.priceFen) },
    {
      title: '划线价',
      dataIndex: 'strikePriceFen',
      align: 'right',
      render: (_, p) => yuan(p.strikePriceFen),
    },
    {
      title: '首购价',
      dataIndex: 'firstPurchasePriceFen',
      align: 'right',
      render: (_, p) => yuan(p.firstPurchasePriceFen),
    },
    {
      title: '无理由退款',
      dataIndex: 'refundDays',
      render: (_, p) => (p.refundDays ? `${p.refundDays} 天内` : '不支持'),
    },
    { title: '卖点', dataIndex: 'tagline', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 90,
      render: (_, p) => <BoolBadge value={p.enabled} yes='在售' no='停售' />,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      render: (_, p) => <a onClick={() => setEditing(p)}>编辑</a>,
    },
  ];

  return (
    <>
      <AdminTable<MembershipPlanView>
        tableKey='membership-plans'
        ghost
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: MembershipPlanView[] }>('/api/admin/membership/plans'))}
        toolBarRender={() => [
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建方案
          </Button>,
        ]}
      />
      <EditModal<PlanForm>
        title={editing === 'new' ? '新建方案' : '编辑方案'}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={editing === 'new' || editing === null ? { periodUnit: 'month', priceFen: 1900, refundDays: 7, enabled: true, sortOrder: 0 } : editing}
        modalProps={{ okText: '保存' }}
        onFinish={save}
      >
        <ProFormText name='name' label='名称' rules={[{ required: true, max: 32 }]} />
        <ProForm.Group>
          <ProFormSelect name='periodUnit' label='周期' valueEnum={UNIT} allowClear={false} width='xs' />
          <ProFormDependency name={['periodUnit']}>
            {({ periodUnit }) =>
              periodUnit === 'days' && (
                <ProFormDigit name='periodDays' label='天数' rules={[{ required: true }]} min={1} fieldProps={{ precision: 0 }} width='xs' />
              )
            }
          </ProFormDependency>
        </ProForm.Group>
        <ProForm.Group>
          <ProForm.Item name='priceFen' label='价格（元）' rules={[{ required: true, message: '请输入价格' }]}>
            <YuanInput min={1} />
          </ProForm.Item>
          <ProForm.Item name='strikePriceFen' label='划线价（元）'>
            <YuanInput min={1} />
          </ProForm.Item>
          <ProForm.Item name='firstPurchasePriceFen' label='首购价（元）'>
            <YuanInput min={1} />
          </ProForm.Item>
        </ProForm.Group>
        <ProForm.Group>
          <ProFormDigit name='refundDays' label='无理由退款天数' min={0} max={365} fieldProps={{ precision: 0 }} width='xs' />
          <ProFormDigit name='sortOrder' label='排序' fieldProps={{ precision: 0 }} width='xs' />
          <ProFormSwitch name='enabled' label='在售' />
        </ProForm.Group>
        <ProFormText name='tagline' label='卖点' fieldProps={{ maxLength: 64 }} />
      </EditModal>
    </>
  );
}
