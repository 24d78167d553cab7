import { useRef, useState } from 'react';
import { Button, Image, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDigit, ProFormSwitch, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { AdminPointsMallItemView, Fen } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { BoolBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { yuan } from '../../services/format';
import { http } from '../../services/http';

interface ItemForm {
  name: string;
  pricePoints: number;
  cashFen?: Fen | null;
  stock: number;
  perMemberLimit?: number | null;
  imageUrl?: string;
  couponTemplateId?: number | null;
  sortOrder?: number;
  enabled: boolean;
}

export function ItemsTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<AdminPointsMallItemView | 'new' | null>(null);

  const save = async ({ cashFen, ...rest }: ItemForm) => {
    const body = { ...rest, cashFen: cashFen ?? 0 };
    const done = await run(
      () =>
        editing === 'new'
          ? http('/api/admin/points/mall-items', { method: 'POST', body })
          : http(`/api/admin/points/mall-items/${(editing as AdminPointsMallItemView).id}`, {
              method: 'PATCH',
              body,
            }),
      '已保存',
    );
    if (done) void table.current?.reload();
    return done;
  };

  const columns: ProColumns<AdminPointsMallItemView>[] = [
    {
      title: '图片',
      dataIndex: 'imageUrl',
      width: 72,
      render: (_, r) => (r.imageUrl ? <Image src={r.imageUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : '-'),
    },
    { title: '礼品', dataIndex: 'name' },
    {
      title: '类型',
      key: 'kind',
      width: 100,
      render: (_, r) => (r.couponTemplateId ? <Tag color='blue'>优惠券 #{r.couponTemplateId}</Tag> : <Tag>到店自提</Tag>),
    },
    {
      title: '价格',
      key: 'price',
      render: (_, r) => (r.cashFen > 0 ? `${r.pricePoints} 积分 + ${yuan(r.cashFen)}` : `${r.pricePoints} 积分`),
    },
    {
      title: '库存',
      dataIndex: 'stock',
      align: 'right',
      render: (_, r) => (r.stock > 0 ? r.stock : <Tag color='red'>已兑完</Tag>),
    },
    { title: '每人限兑', dataIndex: 'perMemberLimit', render: (_, r) => r.perMemberLimit ?? '不限' },
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
    <>
      <AdminTable<AdminPointsMallItemView>
        tableKey='points-items'
        ghost
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: AdminPointsMallItemView[] }>('/api/admin/points/mall-items'))}
        toolBarRender={() => [
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增礼品
          </Button>,
        ]}
      />
      <EditModal<ItemForm>
        title={editing === 'new' ? '新增礼品' : '编辑礼品'}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={editing === 'new' || editing === null ? { pricePoints: 100, cashFen: 0, stock: 100, enabled: true, sortOrder: 0 } : editing}
        modalProps={{ okText: '保存' }}
        onFinish={save}
      >
        <ProFormText name='name' label='名称' rules={[{ required: true, max: 64 }]} />
        <ProForm.Group>
          <ProFormDigit name='pricePoints' label='所需积分' rules={[{ required: true }]} min={1} fieldProps={{ precision: 0 }} width='xs' />
          <ProForm.Item name='cashFen' label='加价（元，积分+现金）'>
            <YuanInput max={10_000_000} />
          </ProForm.Item>
          <ProFormDigit name='stock' label='库存' rules={[{ required: true }]} min={0} fieldProps={{ precision: 0 }} width='xs' />
          <ProFormDigit name='perMemberLimit' label='每人限兑' min={1} fieldProps={{ precision: 0 }} width='xs' placeholder='不限' />
        </ProForm.Group>
        <ProFormText name='imageUrl' label='图片地址' placeholder='/static/gifts/tote.svg' />
        <ProFormDigit name='couponTemplateId' label='兑换优惠券（券模板 ID，留空为到店自提礼品）' min={1} fieldProps={{ precision: 0 }} width='sm' />
        <ProForm.Group>
          <ProFormDigit name='sortOrder' label='排序' fieldProps={{ precision: 0 }} width='xs' />
          <ProFormSwitch name='enabled' label='上架' />
        </ProForm.Group>
      </EditModal>
    </>
  );
}
