import { useRef } from 'react';
import { Button, Popconfirm, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ProForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormRadio,
  ProFormSwitch,
  ProFormText,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import type { CouponKind, CouponTemplateView, Fen } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { labelValueEnum } from '../../components/status';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { beijingEndOfDay, dateTime, parseHundredths } from '../../services/format';
import { http } from '../../services/http';

const KIND = labelValueEnum<CouponKind>({ fixed: '满减券', percent: '折扣券' });

interface TemplateForm {
  name: string;
  kind: CouponKind;
  amountFen?: Fen;
  /** 8.5 = 85% of the price (8.5 折). */
  zhe?: number;
  capFen?: Fen | null;
  thresholdFen?: Fen | null;
  validDays?: number | null;
  /** A Beijing calendar day (YYYY-MM-DD). */
  validUntil?: string | null;
  perMemberLimit?: number | null;
  totalQuantity?: number | null;
  stackable?: boolean;
  claimable?: boolean;
}

function templateBody(v: TemplateForm) {
  return {
    name: v.name,
    kind: v.kind,
    // 8.5 折 → 8500 bps, read by digits like money.
    ...(v.kind === 'fixed' ? { amountFen: v.amountFen } : { percentBps: (parseHundredths(v.zhe) ?? 0) * 10, capFen: v.capFen ?? 0 }),
    thresholdFen: v.thresholdFen ?? 0,
    ...(v.validDays ? { validDays: v.validDays } : v.validUntil ? { validUntil: beijingEndOfDay(v.validUntil) } : {}),
    ...(v.perMemberLimit ? { perMemberLimit: v.perMemberLimit } : {}),
    ...(v.totalQuantity ? { totalQuantity: v.totalQuantity } : {}),
    stackable: Boolean(v.stackable),
    claimable: v.claimable ?? true,
  };
}

export function CouponsTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const reload = () => void table.current?.reload();
  const setEnabled = async (t: CouponTemplateView, enabled: boolean) => {
    if (await run(() => http(`/api/admin/coupon-templates/${t.id}`, { method: 'PATCH', body: { enabled } }), enabled ? '已启用' : '已停用')) reload();
  };

  const columns: ProColumns<CouponTemplateView>[] = [
    { title: '名称', dataIndex: 'name' },
    { title: '类型', dataIndex: 'kind', valueEnum: KIND, filters: true, onFilter: true, width: 90 },
    { title: '优惠', dataIndex: 'text' },
    {
      title: '已发 / 总量',
      key: 'issued',
      render: (_, t) => `${t.issuedCount} / ${t.totalQuantity ?? '不限'}`,
    },
    { title: '每人限领', dataIndex: 'perMemberLimit', render: (_, t) => t.perMemberLimit ?? '不限' },
    {
      title: '有效期',
      key: 'validity',
      render: (_, t) => (t.validDays ? `领取后 ${t.validDays} 天` : `至 ${dateTime(t.validUntil)}`),
    },
    { title: '可叠加', dataIndex: 'stackable', render: (_, t) => (t.stackable ? '是' : '否'), width: 80 },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_, t) => (t.enabled ? <Tag color='green'>{t.claimable ? '可领取' : '仅发放'}</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      render: (_, t) => (
        <Popconfirm title={t.enabled ? '停用后不能再领取或发放，已发出的券不受影响' : '重新启用该优惠券？'} onConfirm={() => setEnabled(t, !t.enabled)}>
          <a>{t.enabled ? '停用' : '启用'}</a>
        </Popconfirm>
      ),
    },
  ];

  return (
    <AdminTable<CouponTemplateView>
      tableKey='coupon-templates'
      ghost
      actionRef={table}
      columns={columns}
      request={() => allRows(http<{ items: CouponTemplateView[] }>('/api/admin/coupon-templates'))}
      toolBarRender={() => [
        <EditModal<TemplateForm>
          key='new'
          title='新建优惠券'
          trigger={
            <Button type='primary' icon={<PlusOutlined />}>
              新建优惠券
            </Button>
          }
          initialValues={{ kind: 'fixed', validDays: 30, claimable: true }}
          onFinish={async (v) => {
            const done = await run(() => http('/api/admin/coupon-templates', { method: 'POST', body: templateBody(v) }), '优惠券已创建');
            if (done) reload();
            return done;
          }}
        >
          <ProFormText name='name' label='名称' rules={[{ required: true, max: 32 }]} />
          <ProFormRadio.Group
            name='kind'
            label='类型'
            radioType='button'
            options={[
              { value: 'fixed', label: '满减券' },
              { value: 'percent', label: '折扣券' },
            ]}
          />
          <ProForm.Group>
            <ProFormDependency name={['kind']}>
              {({ kind }) =>
                kind === 'percent' ? (
                  <ProForm.Group>
                    <ProFormDigit
                      name='zhe'
                      label='折扣（如 8.5 折）'
                      rules={[{ required: true }]}
                      min={1}
                      max={9.99}
                      fieldProps={{ precision: 2 }}
                      width='xs'
                    />
                    <ProForm.Item name='capFen' label='最多优惠（元）'>
                      <YuanInput />
                    </ProForm.Item>
                  </ProForm.Group>
                ) : (
                  <ProForm.Item name='amountFen' label='减免（元）' rules={[{ required: true, message: '请输入减免金额' }]}>
                    <YuanInput min={1} />
                  </ProForm.Item>
                )
              }
            </ProFormDependency>
            <ProForm.Item name='thresholdFen' label='使用门槛（元，0 为无门槛）'>
              <YuanInput />
            </ProForm.Item>
          </ProForm.Group>
          <ProForm.Group>
            <ProFormDigit name='validDays' label='领取后有效天数' min={1} max={3650} fieldProps={{ precision: 0 }} width='xs' />
            <ProFormDatePicker name='validUntil' label='或截止日期（北京时间当天结束）' width='sm' />
          </ProForm.Group>
          <ProForm.Group>
            <ProFormDigit name='perMemberLimit' label='每人限领' min={1} fieldProps={{ precision: 0 }} width='xs' placeholder='不限' />
            <ProFormDigit name='totalQuantity' label='发放总量' min={1} fieldProps={{ precision: 0 }} width='xs' placeholder='不限' />
            <ProFormSwitch name='stackable' label='可叠加' />
            <ProFormSwitch name='claimable' label='领券中心可领取' />
          </ProForm.Group>
        </EditModal>,
      ]}
    />
  );
}
