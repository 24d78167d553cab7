import { Alert, App } from 'antd';
import { ProForm, ProFormDigit, ProFormSwitch } from '@ant-design/pro-components';
import type { BindingPolicy } from '@mall/shared';
import { useAction } from '../../components/use-action';
import { http } from '../../services/http';

export function PolicyTab() {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <div style={{ maxWidth: 520 }}>
      <Alert type='info' showIcon style={{ marginBottom: 16 }} message='首次绑定优先：保护期内其他导购扫码不会改绑；已有绑定的保护期按绑定时的规则计算。' />
      <ProForm<BindingPolicy>
        layout='vertical'
        request={() =>
          http<BindingPolicy>('/api/admin/binding-policy').catch((e: Error) => {
            void message.error(e.message);
            return {} as BindingPolicy;
          })
        }
        onFinish={(body) => run(() => http<BindingPolicy>('/api/admin/binding-policy', { method: 'PUT', body }), '绑定规则已保存，对之后的扫码生效')}
        submitter={{ searchConfig: { submitText: '保存' }, resetButtonProps: false }}
      >
        <ProFormDigit name='protectionDays' label='保护期（天）' rules={[{ required: true }]} min={0} max={3650} fieldProps={{ precision: 0 }} width='sm' />
        <ProFormSwitch
          name='rebindAfterProtection'
          label='保护期后允许其他导购扫码改绑'
          fieldProps={{ checkedChildren: '允许', unCheckedChildren: '永久绑定' }}
        />
      </ProForm>
    </div>
  );
}
