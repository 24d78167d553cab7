import { useState } from 'react';
import { Alert, App, Button, Card, ColorPicker, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import type { TierSummary } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { http } from '../services/http';

interface TierSettings {
  growthPerYuan: number;
  growthFromRecharge: boolean;
  keepMonths: number;
  trailingMonths: number;
}

export default function TiersPage() {
  const { message } = App.useApp();
  const tiers = useLoad(() => http<{ items: TierSummary[]; warnings: string[] }>('/api/admin/tiers'));
  const settings = useLoad(() => http<TierSettings>('/api/admin/tier-settings'));
  const [editing, setEditing] = useState<TierSummary | 'new' | null>(null);
  const [form] = Form.useForm();
  const [settingsForm] = Form.useForm<TierSettings>();

  const open = (row: TierSummary | 'new') => {
    setEditing(row);
    const next = (tiers.data?.items.length ?? 0);
    form.setFieldsValue(row === 'new' ? { level: next, name: '', growthThreshold: 0, color: '#C8A063', description: '' } : row);
  };

  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, color: typeof v.color === 'string' ? v.color : v.color.toHexString().toUpperCase() };
    try {
      const res = await http<{ warnings: string[] }>(editing === 'new' ? '/api/admin/tiers' : `/api/admin/tiers/${(editing as TierSummary).id}`, { method: editing === 'new' ? 'POST' : 'PATCH', body });
      void message.success('等级已保存');
      res.warnings.forEach((w) => void message.warning(w));
      setEditing(null);
      void tiers.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const saveSettings = async () => {
    try {
      await http('/api/admin/tier-settings', { method: 'PUT', body: await settingsForm.validateFields() });
      void message.success('成长值规则已更新');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Card title='会员等级' extra={<Button type='primary' onClick={() => open('new')}>新增等级</Button>}>
        {tiers.data?.warnings.map((w) => <Alert key={w} type='warning' showIcon message={w} style={{ marginBottom: 12 }} />)}
        <Table<TierSummary>
          rowKey='id'
          loading={tiers.loading}
          dataSource={tiers.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '等级', dataIndex: 'level', render: (v) => `L${v}` },
            { title: '名称', dataIndex: 'name', render: (v, r) => <Tag color={r.color}>{v}</Tag> },
            { title: '成长值门槛', dataIndex: 'growthThreshold' },
            { title: '说明', dataIndex: 'description' },
            { title: '操作', render: (_, r) => <Button size='small' onClick={() => open(r)}>编辑</Button> },
          ]}
        />
      </Card>
      <Card title='成长值与保级规则' loading={settings.loading} extra={<Button onClick={saveSettings}>保存规则</Button>}>
        {settings.data && (
          <Form form={settingsForm} layout='inline' initialValues={settings.data}>
            <Form.Item label='每消费 1 元得成长值' name='growthPerYuan'><InputNumber min={0} max={100} precision={0} /></Form.Item>
            <Form.Item label='充值本金计成长值' name='growthFromRecharge' valuePropName='checked'><Switch /></Form.Item>
            <Form.Item label='等级保护期（月）' name='keepMonths'><InputNumber min={1} max={60} precision={0} /></Form.Item>
            <Form.Item label='成长值统计周期（月）' name='trailingMonths'><InputNumber min={1} max={60} precision={0} /></Form.Item>
          </Form>
        )}
        <Alert style={{ marginTop: 16 }} type='info' showIcon message='达到门槛立即升级；降级只在保护期结束后的评估时，按统计周期内的成长值重新定级。' />
      </Card>
      <Modal title={editing === 'new' ? '新增等级' : '编辑等级'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} okText='保存' destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Space>
            <Form.Item label='等级序号' name='level' rules={[{ required: true }]}><InputNumber min={0} max={9} precision={0} disabled={editing !== 'new'} /></Form.Item>
            <Form.Item label='成长值门槛' name='growthThreshold' rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item label='颜色' name='color'><ColorPicker /></Form.Item>
          </Space>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 32 }]}><Input /></Form.Item>
          <Form.Item label='说明' name='description'><Input.TextArea rows={2} maxLength={255} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
