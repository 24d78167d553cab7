import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { RechargePlanView, WalletSettingsView } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { toFen, yuan } from '../services/format';
import { http } from '../services/http';

type PlanRow = RechargePlanView & { enabled: boolean; sortOrder: number };
interface PlanForm {
  name: string;
  payYuan: number;
  bonusYuan: number;
  bonusPoints?: number;
  bonusGrowth?: number;
  badge?: string;
  perMemberLimit?: number;
  sortOrder?: number;
  enabled: boolean;
}

const RULES: Record<string, string> = { proportional: '按余额比例扣本金和赠送金', bonus_first: '先扣赠送金', principal_first: '先扣本金' };

export default function RechargePlansPage() {
  const { message } = App.useApp();
  const plans = useLoad(() => http<{ items: PlanRow[] }>('/api/admin/recharge-plans'));
  const settings = useLoad(() => http<WalletSettingsView>('/api/admin/wallet/settings'));
  const [editing, setEditing] = useState<PlanRow | 'new' | null>(null);
  const [form] = Form.useForm<PlanForm>();
  const [settingsForm] = Form.useForm();

  const open = (row: PlanRow | 'new') => {
    setEditing(row);
    form.setFieldsValue(
      row === 'new'
        ? { name: '', payYuan: 100, bonusYuan: 0, enabled: true, sortOrder: 0 }
        : { ...row, payYuan: row.payFen / 100, bonusYuan: row.bonusFen / 100, perMemberLimit: row.perMemberLimit ?? undefined },
    );
  };

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      payFen: toFen(v.payYuan),
      bonusFen: toFen(v.bonusYuan),
      bonusPoints: v.bonusPoints ?? 0,
      bonusGrowth: v.bonusGrowth ?? 0,
      badge: v.badge ?? '',
      sortOrder: v.sortOrder ?? 0,
      enabled: v.enabled,
      ...(v.perMemberLimit ? { perMemberLimit: v.perMemberLimit } : {}),
    };
    try {
      if (editing === 'new') await http('/api/admin/recharge-plans', { method: 'POST', body });
      else await http(`/api/admin/recharge-plans/${(editing as PlanRow).id}`, { method: 'PATCH', body });
      void message.success('已保存（已有充值记录不受影响）');
      setEditing(null);
      void plans.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const saveSettings = async () => {
    const v = await settingsForm.validateFields();
    try {
      await http('/api/admin/wallet/settings', {
        method: 'PUT',
        body: { spendRule: v.spendRule, pinRequiredFromFen: toFen(v.pinYuan), customEnabled: v.customEnabled, customMinFen: toFen(v.minYuan), customMaxFen: toFen(v.maxYuan), customBonusRateBps: Math.round((v.ratePct ?? 0) * 100) },
      });
      void message.success('储值规则已更新');
      void settings.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Card title='充值方案' extra={<Button type='primary' onClick={() => open('new')}>新建方案</Button>}>
        <Table<PlanRow>
          rowKey='id'
          loading={plans.loading}
          dataSource={plans.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '名称', dataIndex: 'name', render: (v, r) => <Space>{v}{r.badge && <Tag color='red'>{r.badge}</Tag>}</Space> },
            { title: '支付', dataIndex: 'payFen', render: yuan },
            { title: '赠送金', dataIndex: 'bonusFen', render: yuan },
            { title: '赠积分', dataIndex: 'bonusPoints' },
            { title: '赠成长值', dataIndex: 'bonusGrowth' },
            { title: '每人限购', dataIndex: 'perMemberLimit', render: (v) => v ?? '不限' },
            { title: '排序', dataIndex: 'sortOrder' },
            { title: '状态', dataIndex: 'enabled', render: (v) => (v ? <Tag color='green'>上架</Tag> : <Tag>下架</Tag>) },
            { title: '操作', render: (_, r) => <Button size='small' onClick={() => open(r)}>编辑</Button> },
          ]}
        />
      </Card>
      <Card title='储值规则' loading={settings.loading} extra={<Button onClick={saveSettings}>保存规则</Button>}>
        {settings.data && (
          <Form
            form={settingsForm}
            layout='inline'
            initialValues={{
              spendRule: settings.data.spendRule,
              pinYuan: settings.data.pinRequiredFromFen / 100,
              customEnabled: settings.data.customEnabled,
              minYuan: settings.data.customMinFen / 100,
              maxYuan: settings.data.customMaxFen / 100,
              ratePct: settings.data.customBonusRateBps / 100,
            }}
          >
            <Form.Item label='余额扣减' name='spendRule'>
              <Select style={{ width: 220 }} options={Object.entries(RULES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label='需支付密码（元起）' name='pinYuan'>
              <InputNumber min={0} precision={2} />
            </Form.Item>
            <Form.Item label='自定义金额' name='customEnabled' valuePropName='checked'>
              <Switch />
            </Form.Item>
            <Form.Item label='最低（元）' name='minYuan'>
              <InputNumber min={0.01} precision={2} />
            </Form.Item>
            <Form.Item label='最高（元）' name='maxYuan'>
              <InputNumber min={0.01} precision={2} />
            </Form.Item>
            <Form.Item label='自定义赠送比例 %' name='ratePct'>
              <InputNumber min={0} max={50} precision={2} />
            </Form.Item>
          </Form>
        )}
      </Card>
      <Modal title={editing === 'new' ? '新建充值方案' : '编辑充值方案'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} okText='保存' destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 32 }]}>
            <Input placeholder='充 500 送 50' />
          </Form.Item>
          <Space>
            <Form.Item label='支付金额（元）' name='payYuan' rules={[{ required: true }]}>
              <InputNumber min={0.01} precision={2} />
            </Form.Item>
            <Form.Item label='赠送金（元）' name='bonusYuan' rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item label='赠积分' name='bonusPoints'>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label='赠成长值' name='bonusGrowth'>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label='每人限购次数' name='perMemberLimit'>
              <InputNumber min={1} precision={0} placeholder='不限' />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item label='角标' name='badge'>
              <Input maxLength={16} placeholder='最受欢迎' />
            </Form.Item>
            <Form.Item label='排序' name='sortOrder'>
              <InputNumber precision={0} />
            </Form.Item>
            <Form.Item label='上架' name='enabled' valuePropName='checked'>
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
