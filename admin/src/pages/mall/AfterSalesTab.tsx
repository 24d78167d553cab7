import { useRef, useState } from 'react';
import { Button, Image, Popconfirm, Space, Typography } from 'antd';
import { ProFormText, ProFormTextArea, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { AFTER_SALE_STATES, afterSaleNeedsReturn, type AfterSaleStatus, type AfterSaleView, type ParcelRequest } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { stateValueEnum, StatusBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';
import { ParcelFields } from './ParcelFields';

const STATUS = stateValueEnum(AFTER_SALE_STATES, {
  pending: 'Warning',
  awaiting_return: 'Processing',
  returning: 'Processing',
  received: 'Processing',
  refunding: 'Processing',
  completed: 'Success',
  failed: 'Error',
});

type Dialog = { kind: 'approve' | 'reject' | 'replacement'; sale: AfterSaleView } | null;

/**
 * After-sale requests with what ops can do in each state: approve (a return or exchange names the
 * return address) or reject with a reason the member sees; confirm the returned goods arrived (a
 * return then refunds); ship the replacement of an exchange.
 */
export function AfterSalesTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const reload = () => void table.current?.reload();
  const post = async (sale: AfterSaleView, action: string, body: object | undefined, success: string) => {
    const done = await run(() => http(`/api/admin/after-sales/${sale.id}/${action}`, { method: 'POST', body }), success);
    if (done) {
      setDialog(null);
      reload();
    }
    return done;
  };

  const actions = (a: AfterSaleView) => {
    switch (a.status) {
      case 'pending':
        return (
          <Space size={4}>
            {afterSaleNeedsReturn(a.kind) ? (
              <Button size='small' type='primary' onClick={() => setDialog({ kind: 'approve', sale: a })}>
                同意
              </Button>
            ) : (
              <Popconfirm
                title='同意退款？余额、积分和券立即退回，微信部分原路退回。'
                onConfirm={() => post(a, 'approve', { note: '同意退款' }, '已同意，款项原路退回')}
              >
                <Button size='small' type='primary'>
                  同意
                </Button>
              </Popconfirm>
            )}
            <Button size='small' danger onClick={() => setDialog({ kind: 'reject', sale: a })}>
              拒绝
            </Button>
          </Space>
        );
      case 'returning':
        return (
          <Popconfirm
            title={a.kind === 'return_refund' ? '确认已收到退货？确认后立即退款并恢复库存。' : '确认已收到换货商品？'}
            onConfirm={() => post(a, 'receive', undefined, a.kind === 'return_refund' ? '已确认收货，款项原路退回' : '已确认收货')}
          >
            <Button size='small' type='primary'>
              确认收货
            </Button>
          </Popconfirm>
        );
      case 'received':
        return (
          <Button size='small' type='primary' onClick={() => setDialog({ kind: 'replacement', sale: a })}>
            寄出换货
          </Button>
        );
      default:
        return <Typography.Text type='secondary'>—</Typography.Text>;
    }
  };

  const columns: ProColumns<AfterSaleView>[] = [
    { title: '申请', dataIndex: 'id', width: 60 },
    { title: '订单', dataIndex: 'orderNo', width: 200, copyable: true },
    { title: '会员', dataIndex: 'memberId', width: 160, render: (_, a) => <MemberLink id={a.memberId} /> },
    { title: '类型', dataIndex: 'kindText', width: 80 },
    { title: '商品', key: 'lines', render: (_, a) => a.lines.map((l) => `${l.productName}×${l.quantity}`).join('，') },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    {
      title: '图片',
      key: 'photos',
      width: 120,
      render: (_, a) =>
        a.photos.length ? (
          <Image.PreviewGroup>
            <Space size={4} wrap>
              {a.photos.map((p) => (
                <Image key={p.id} src={p.url} width={32} height={32} style={{ objectFit: 'cover' }} />
              ))}
            </Space>
          </Image.PreviewGroup>
        ) : (
          '—'
        ),
    },
    {
      title: '退回物流',
      key: 'return',
      width: 170,
      render: (_, a) =>
        a.returnParcel ? (
          <Space direction='vertical' size={0}>
            <span>{a.returnParcel.carrierName}</span>
            <Typography.Text copyable>{a.returnParcel.trackingNo}</Typography.Text>
            {a.replacementParcel && (
              <Typography.Text type='secondary'>
                换货：{a.replacementParcel.carrierName} {a.replacementParcel.trackingNo}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '退款',
      key: 'money',
      width: 130,
      render: (_, a) =>
        a.kind === 'exchange' ? (
          '—'
        ) : (
          <Space direction='vertical' size={0}>
            <span>微信 {yuan(a.cashFen)}</span>
            <span>余额 {yuan(a.balanceFen)}</span>
            {a.pointsReturned > 0 && <span>积分 {a.pointsReturned}</span>}
          </Space>
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueEnum: STATUS,
      search: true,
      width: 100,
      render: (_, a) => <StatusBadge values={STATUS} status={a.status} text={a.statusText} />,
    },
    { title: '审核说明', dataIndex: 'reviewNote', ellipsis: true },
    { title: '申请时间', dataIndex: 'createdAt', render: (_, a) => dateTime(a.createdAt), width: 150 },
    { title: '操作', valueType: 'option', width: 130, render: (_, a) => actions(a) },
  ];
  const sale = dialog?.sale;
  return (
    <>
      <EditModal<{ note: string; returnAddress?: string }>
        title={`同意${sale?.kindText ?? ''}申请`}
        open={dialog?.kind === 'approve'}
        onOpenChange={(v) => !v && setDialog(null)}
        initialValues={{ note: '请按退货地址寄回商品，并填写快递单号' }}
        onFinish={(v) => post(sale!, 'approve', v, '已同意，等待会员寄回')}
      >
        <ProFormTextArea name='returnAddress' label='退货地址' placeholder='收件人、电话、地址；留空使用系统默认退货地址' fieldProps={{ maxLength: 200 }} />
        <ProFormText name='note' label='说明' rules={[{ required: true, max: 120 }]} />
      </EditModal>
      <EditModal<{ note: string }>
        title='拒绝售后申请'
        open={dialog?.kind === 'reject'}
        onOpenChange={(v) => !v && setDialog(null)}
        onFinish={(v) => post(sale!, 'reject', v, '已拒绝')}
      >
        <ProFormTextArea name='note' label='拒绝原因（会员可见）' rules={[{ required: true, message: '请填写拒绝原因' }, { max: 120 }]} />
      </EditModal>
      <EditModal<ParcelRequest>
        title='寄出换货商品'
        open={dialog?.kind === 'replacement'}
        onOpenChange={(v) => !v && setDialog(null)}
        onFinish={(v) => post(sale!, 'replacement', v, '换货商品已寄出')}
      >
        <ParcelFields />
      </EditModal>
      <AdminTable<AfterSaleView, { status?: AfterSaleStatus }>
        tableKey='after-sales'
        ghost
        actionRef={table}
        columns={columns}
        request={({ status }) => allRows(http<{ items: AfterSaleView[] }>(`/api/admin/after-sales${qs({ status })}`))}
        locale={{ emptyText: '暂无售后申请' }}
      />
    </>
  );
}
