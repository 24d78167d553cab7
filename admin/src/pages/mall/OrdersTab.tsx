import { useRef, useState } from 'react';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { canTransition, FULFILMENT_LABELS, ORDER_STATES, type AdminOrderView, type OrderStatus, type Page } from '@mall/shared';
import { AdminTable, pageRows } from '../../components/AdminTable';
import { stateValueEnum, StatusBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';
import { OrderDrawer } from './OrderDrawer';
import { ShipModal } from './ShipModal';

const STATUS = stateValueEnum(ORDER_STATES, {
  pending_payment: 'Warning',
  paid: 'Processing',
  shipped: 'Processing',
  ready_for_pickup: 'Processing',
  completed: 'Success',
  refunded: 'Error',
});

/** Where the ship action takes a paid order: shipped (once every unit left), or ready for pickup in store. */
const shipTarget = (o: AdminOrderView): OrderStatus => (o.fulfilment === 'pickup' ? 'ready_for_pickup' : 'shipped');

export function OrdersTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [detail, setDetail] = useState<AdminOrderView | null>(null);
  const [shipping, setShipping] = useState<AdminOrderView | null>(null);
  const readyForPickup = async (o: AdminOrderView) => {
    if (await run(() => http(`/api/admin/orders/${o.id}/ship`, { method: 'POST' }), '已备货，等待会员到店自提')) void table.current?.reload();
  };
  const columns: ProColumns<AdminOrderView>[] = [
    { title: '订单号', dataIndex: 'orderNo', copyable: true, width: 290 },
    { title: '会员', dataIndex: 'memberId', width: 160, render: (_, o) => <MemberLink id={o.memberId} /> },
    {
      title: '商品',
      key: 'lines',
      render: (_, o) => (
        <Space direction='vertical' size={0}>
          <span>{o.lines.map((l) => `${l.productName}×${l.quantity}`).join('，')}</span>
          <Typography.Text type='secondary'>{FULFILMENT_LABELS[o.fulfilment]}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '实付',
      key: 'payable',
      width: 190,
      render: (_, o) => (
        <Space direction='vertical' size={2}>
          <Typography.Text strong>{yuan(o.amounts.payableFen)}</Typography.Text>
          <Space size={4} wrap>
            {o.amounts.cashFen > 0 && <Tag color='green'>微信 {yuan(o.amounts.cashFen)}</Tag>}
            {o.amounts.balanceFen > 0 && <Tag color='gold'>余额 {yuan(o.amounts.balanceFen)}</Tag>}
            {o.amounts.pointsDeductionFen > 0 && <Tag color='purple'>积分 {yuan(o.amounts.pointsDeductionFen)}</Tag>}
            {o.amounts.couponDiscountFen > 0 && <Tag color='red'>券 {yuan(o.amounts.couponDiscountFen)}</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueEnum: STATUS,
      search: true,
      width: 100,
      render: (_, o) => <StatusBadge values={STATUS} status={o.status} text={o.statusText} />,
    },
    { title: '下单时间', dataIndex: 'createdAt', render: (_, o) => dateTime(o.createdAt), width: 150 },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      render: (_, o) => (
        <Space size={4}>
          <Button size='small' onClick={() => setDetail(o)}>
            详情
          </Button>
          {canTransition(ORDER_STATES.transitions, o.status, shipTarget(o)) &&
            (o.fulfilment === 'pickup' ? (
              <Popconfirm title='确认已备货，通知会员到店自提？' onConfirm={() => readyForPickup(o)}>
                <Button size='small' type='primary'>
                  备货完成
                </Button>
              </Popconfirm>
            ) : (
              <Button size='small' type='primary' onClick={() => setShipping(o)}>
                发货
              </Button>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <OrderDrawer order={detail} status={STATUS} onClose={() => setDetail(null)} />
      <ShipModal
        order={shipping}
        onClose={() => setShipping(null)}
        onShipped={() => {
          setShipping(null);
          void table.current?.reload();
        }}
      />
      <AdminTable<AdminOrderView, { status?: OrderStatus }>
        tableKey='orders'
        ghost
        actionRef={table}
        columns={columns}
        request={({ current, pageSize, status }) => pageRows(http<Page<AdminOrderView>>(`/api/admin/orders${qs({ page: current, pageSize, status })}`))}
        locale={{ emptyText: '没有符合条件的订单' }}
      />
    </>
  );
}
