import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { FULFILMENT_LABELS, type AdminOrderView, type OrderLogisticsView } from '@mall/shared';
import { StatusBadge, type ValueEnum } from '../../components/status';
import { dateTime, yuan } from '../../services/format';
import { http } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';

/** One order for ops: where it goes, what is in it, what has shipped and where each parcel is. */
export function OrderDrawer({ order, status, onClose }: { order: AdminOrderView | null; status: ValueEnum<string>; onClose: () => void }) {
  const [logistics, setLogistics] = useState<OrderLogisticsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLogistics(null);
    setError(null);
    if (!order || order.shipments.length === 0) return;
    http<OrderLogisticsView>(`/api/admin/orders/${order.id}/logistics`).then(setLogistics, (e: Error) => setError(e.message));
  }, [order]);

  return (
    <Drawer title={order ? `订单 ${order.orderNo}` : ''} open={order !== null} onClose={onClose} width={760} destroyOnClose>
      {order && (
        <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='order-drawer'>
          <Descriptions column={2} size='small' bordered>
            <Descriptions.Item label='状态'>
              <StatusBadge values={status} status={order.status} text={order.statusText} />
            </Descriptions.Item>
            <Descriptions.Item label='会员'>
              <MemberLink id={order.memberId} />
            </Descriptions.Item>
            <Descriptions.Item label='配送方式'>{FULFILMENT_LABELS[order.fulfilment]}</Descriptions.Item>
            <Descriptions.Item label='实付'>{yuan(order.amounts.payableFen)}</Descriptions.Item>
            {order.address && (
              <Descriptions.Item label='收货地址' span={2}>
                <span data-testid='order-address'>
                  {order.address.name} {order.address.phone} · {order.address.region} {order.address.detail}
                </span>
              </Descriptions.Item>
            )}
            {order.store && (
              <Descriptions.Item label='自提门店' span={2}>
                {order.store.name} · {order.store.address}
              </Descriptions.Item>
            )}
            <Descriptions.Item label='下单时间'>{dateTime(order.createdAt)}</Descriptions.Item>
            <Descriptions.Item label='自动确认收货'>{order.autoConfirmAt ? dateTime(order.autoConfirmAt) : '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            size='small'
            rowKey='id'
            pagination={false}
            dataSource={order.lines}
            columns={[
              { title: '商品', render: (_, l) => `${l.productName}（${l.specs}）` },
              { title: '数量', dataIndex: 'quantity', width: 60 },
              { title: '已发', dataIndex: 'shippedQuantity', width: 60 },
              { title: '已退', dataIndex: 'refundedQuantity', width: 60 },
              { title: '实付', align: 'right', render: (_, l) => yuan(l.payFen), width: 90 },
            ]}
          />
          <Typography.Title level={5}>包裹</Typography.Title>
          {order.shipments.length === 0 && <Empty description='尚未发货' image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {error && <Alert type='error' message={error} />}
          {order.shipments.length > 0 && !logistics && !error && <Spin />}
          {logistics?.parcels.map((p) => (
            <div key={p.shipmentId} data-testid='parcel'>
              <Space>
                <Tag color='blue'>{p.carrierName}</Tag>
                <Typography.Text copyable>{p.trackingNo}</Typography.Text>
                <Typography.Text type='secondary'>{p.stageText}</Typography.Text>
                <Typography.Text type='secondary'>{p.lines.map((l) => `${l.productName}×${l.quantity}`).join('，')}</Typography.Text>
              </Space>
              <Timeline
                style={{ marginTop: 12 }}
                items={
                  p.events.length
                    ? p.events.map((e) => ({ children: `${dateTime(e.at)} ${e.description}` }))
                    : [{ color: 'gray', children: `${dateTime(p.shippedAt)} 已发货，等待快递揽收` }]
                }
              />
            </div>
          ))}
        </Space>
      )}
    </Drawer>
  );
}
