import { Alert, App } from 'antd';
import { ProForm, ProFormDigit, ProFormSelect, type ProFormInstance } from '@ant-design/pro-components';
import { useRef } from 'react';
import type { StoreStaffView, TransferRequest, TransferResult } from '@mall/shared';
import { useStoreOptions } from '../../components/use-stores';
import { http } from '../../services/http';

const staffOptions = async ({ storeId }: { storeId?: number }) => {
  if (!storeId) return [];
  const { items } = await http<{ items: StoreStaffView[] }>(`/api/admin/stores/${storeId}/staff`);
  return items.map((a) => ({ value: a.id, label: `${a.displayName}${a.active ? '' : '（已停用）'}` }));
};

export function TransferTab() {
  const { message, modal } = App.useApp();
  const stores = useStoreOptions();
  const form = useRef<ProFormInstance<TransferRequest>>();

  const transfer = (v: TransferRequest) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: v.memberId ? `转移会员 ${v.memberId}？` : '转移该导购名下全部会员？',
        content: '转移后新订单计入新导购，历史业绩不变。',
        okText: '确认转移',
        onCancel: () => resolve(false),
        onOk: async () => {
          try {
            const body: TransferRequest = {
              storeId: v.storeId,
              fromStaffId: v.fromStaffId,
              toStaffId: v.toStaffId,
              ...(v.memberId ? { memberId: v.memberId } : {}),
            };
            const r = await http<TransferResult>('/api/admin/transfers', { method: 'POST', body });
            void message.success(`已转移 ${r.moved} 位会员`);
            form.current?.resetFields(['memberId']);
            resolve(true);
          } catch (e) {
            void message.error((e as Error).message);
            resolve(false);
          }
        },
      });
    });

  return (
    <div style={{ maxWidth: 520 }}>
      <Alert type='info' showIcon style={{ marginBottom: 16 }} message='导购离职时把名下会员整体转给同店导购（离职继承），或只转移一位会员。' />
      <ProForm<TransferRequest>
        formRef={form}
        layout='vertical'
        onFinish={transfer}
        submitter={{ searchConfig: { submitText: '转移' }, resetButtonProps: false }}
      >
        <ProFormSelect
          name='storeId'
          label='门店'
          rules={[{ required: true }]}
          options={stores.options}
          fieldProps={{
            loading: stores.loading,
            onChange: () => form.current?.resetFields(['fromStaffId', 'toStaffId']),
          }}
        />
        <ProFormSelect name='fromStaffId' label='转出导购（离职或转出方）' rules={[{ required: true }]} dependencies={['storeId']} request={staffOptions} />
        <ProFormSelect name='toStaffId' label='转入导购' rules={[{ required: true }]} dependencies={['storeId']} request={staffOptions} />
        <ProFormDigit name='memberId' label='只转移这位会员（留空则转移全部：离职继承）' min={1} fieldProps={{ precision: 0 }} placeholder='会员 ID' />
      </ProForm>
    </div>
  );
}
