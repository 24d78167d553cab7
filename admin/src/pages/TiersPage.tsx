import { useRef, useState } from 'react';
import { Alert, App, Button, Card, ColorPicker, Space, Tag } from 'antd';
import type { Color } from 'antd/es/color-picker';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDigit, ProFormSwitch, ProFormText, ProFormTextArea, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { AdminTierList, TierRequest, TierSaveResult, TierSettingsRequest, TierSettingsView, TierSummary } from '@mall/shared';
import { AdminTable } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { useAction } from '../components/use-action';
import { http } from '../services/http';

function SettingsCard() {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <Card title='成长值与保级规则'>
      <ProForm<TierSettingsRequest>
        layout='inline'
        request={() =>
          http<TierSettingsView>('/api/admin/tier-settings').catch((e: Error) => {
            void message.error(e.message);
            return {} as TierSettingsView;
          })
        }
        onFinish={async ({ growthPerYuan, growthFromRecharge, keepMonths, trailingMonths }) =>
          run(
            () =>
              http<TierSettingsView>('/api/admin/tier-settings', {
                method: 'PUT',
                body: { growthPerYuan, growthFromRecharge, keepMonths, trailingMonths },
              }),
            '成长值规则已更新',
          )
        }
        submitter={{ searchConfig: { submitText: '保存规则' }, resetButtonProps: false }}
      >
        <ProFormDigit name='growthPerYuan' label='每消费 1 元得成长值' min={0} max={100} fieldProps={{ precision: 0 }} width='xs' />
        <ProFormSwitch name='growthFromRecharge' label='充值本金计成长值' />
        <ProFormDigit name='keepMonths' label='等级保护期（月）' min={1} max={60} fieldProps={{ precision: 0 }} width='xs' />
        <ProFormDigit name='trailingMonths' label='成长值统计周期（月）' min={1} max={60} fieldProps={{ precision: 0 }} width='xs' />
      </ProForm>
      <Alert style={{ marginTop: 16 }} type='info' showIcon message='达到门槛立即升级；降级只在保护期结束后的评估时，按统计周期内的成长值重新定级。' />
    </Card>
  );
}

export default function TiersPage() {
  const run = useAction();
  const { message } = App.useApp();
  const table = useRef<ActionType>();
  const [tiers, setTiers] = useState<AdminTierList | null>(null);
  const [editing, setEditing] = useState<TierSummary | 'new' | null>(null);

  const save = async (body: TierRequest) => {
    const done = await run(async () => {
      const res = await http<TierSaveResult>(editing === 'new' ? '/api/admin/tiers' : `/api/admin/tiers/${(editing as TierSummary).id}`, {
        method: editing === 'new' ? 'POST' : 'PATCH',
        body,
      });
      res.warnings.forEach((w) => void message.warning(w));
    }, '等级已保存');
    if (done) void table.current?.reload();
    return done;
  };

  const columns: ProColumns<TierSummary>[] = [
    { title: '等级', dataIndex: 'level', width: 80, render: (_, t) => `L${t.level}` },
    { title: '名称', dataIndex: 'name', render: (_, t) => <Tag color={t.color}>{t.name}</Tag> },
    { title: '成长值门槛', dataIndex: 'growthThreshold', align: 'right' },
    { title: '说明', dataIndex: 'description', ellipsis: true },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      render: (_, t) => <a onClick={() => setEditing(t)}>编辑</a>,
    },
  ];

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      {tiers?.warnings.map((w) => (
        <Alert key={w} type='warning' showIcon message={w} />
      ))}
      <AdminTable<TierSummary>
        tableKey='tiers'
        headerTitle='会员等级'
        actionRef={table}
        columns={columns}
        pagination={false}
        request={async () => {
          const list = await http<AdminTierList>('/api/admin/tiers');
          setTiers(list);
          return { data: list.items, total: list.items.length, success: true };
        }}
        toolBarRender={() => [
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增等级
          </Button>,
        ]}
      />
      <SettingsCard />
      <EditModal<TierRequest>
        title={editing === 'new' ? '新增等级' : '编辑等级'}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={
          editing === 'new' || editing === null ? { level: tiers?.items.length ?? 0, growthThreshold: 0, color: '#C8A063', description: '' } : editing
        }
        modalProps={{ okText: '保存' }}
        onFinish={save}
      >
        <ProForm.Group>
          <ProFormDigit
            name='level'
            label='等级序号'
            rules={[{ required: true }]}
            min={0}
            max={9}
            fieldProps={{ precision: 0 }}
            disabled={editing !== 'new'}
            width='xs'
          />
          <ProFormDigit name='growthThreshold' label='成长值门槛' rules={[{ required: true }]} min={0} fieldProps={{ precision: 0 }} width='sm' />
          <ProForm.Item name='color' label='颜色' normalize={(c: Color | string) => (typeof c === 'string' ? c : c.toHexString().toUpperCase())}>
            <ColorPicker showText disabledAlpha />
          </ProForm.Item>
        </ProForm.Group>
        <ProFormText name='name' label='名称' rules={[{ required: true, max: 32 }]} />
        <ProFormTextArea name='description' label='说明' fieldProps={{ rows: 2, maxLength: 255 }} />
      </EditModal>
    </Space>
  );
}
