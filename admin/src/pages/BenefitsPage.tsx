import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { BENEFIT_LABELS, type BenefitType } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { http } from '../services/http';

interface BenefitRow {
  id: number;
  type: BenefitType;
  label: string;
  name: string;
  enabled: boolean;
  version: number | null;
  text: string;
  spec: Record<string, unknown> | null;
}

interface Matrix {
  sources: { type: 'tier' | 'plan'; id: number; name: string }[];
  benefits: { id: number; name: string; text: string; enabled: boolean }[];
  cells: { benefitId: number; sourceType: string; sourceId: number }[];
}

/** The parameter fields each benefit type needs, as simple form fields. */
const PARAMS: Partial<Record<BenefitType, { name: string; label: string; min?: number; max?: number; ids?: boolean }[]>> = {
  member_discount: [{ name: 'priceBps', label: '折扣（9000 = 9 折）', min: 1000, max: 9999 }],
  points_multiplier: [{ name: 'multiplierPct', label: '倍数 %（150 = 1.5 倍）', min: 101, max: 1000 }],
  free_shipping: [{ name: 'minOrderFen', label: '满额包邮（分，0 = 无门槛）', min: 0 }],
  birthday_gift: [{ name: 'points', label: '赠送积分', min: 1 }],
  upgrade_gift: [{ name: 'points', label: '赠送积分', min: 1 }],
  monthly_coupon_pack: [{ name: 'couponTemplateIds', label: '券模板 ID（逗号分隔）', ids: true }],
  early_access: [{ name: 'minutes', label: '提前分钟数', min: 1, max: 1440 }],
  exclusive_products: [{ name: 'productIds', label: '商品 ID（逗号分隔）', ids: true }],
};

export default function BenefitsPage() {
  const { message } = App.useApp();
  const list = useLoad(() => http<{ items: BenefitRow[] }>('/api/admin/benefits'));
  const matrix = useLoad(() => http<Matrix>('/api/admin/benefit-matrix'));
  const [creating, setCreating] = useState(false);
  const [type, setType] = useState<BenefitType>('member_discount');
  const [form] = Form.useForm();
  const [previewId, setPreviewId] = useState<number | null>(null);
  const preview = useLoad(async () => (previewId ? http<{ tier: { name: string }; benefits: { benefitId: number; text: string; sources: { name: string }[] }[] }>(`/api/admin/members/${previewId}/card`) : null), [previewId]);

  const create = async () => {
    const v = await form.validateFields();
    const spec: Record<string, unknown> = { type };
    for (const field of PARAMS[type] ?? []) {
      const raw = v[field.name];
      if (raw === undefined || raw === null || raw === '') continue;
      spec[field.name] = field.ids ? String(raw).split(/[,，\s]+/).filter(Boolean).map(Number) : raw;
    }
    if (type === 'group_invite') spec.groupType = v.groupType ?? 'vip';
    try {
      await http('/api/admin/benefits', { method: 'POST', body: { name: v.name, spec } });
      void message.success('权益已创建');
      setCreating(false);
      form.resetFields();
      void list.reload();
      void matrix.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const toggleCell = async (benefitId: number, source: Matrix['sources'][number], on: boolean) => {
    try {
      await http('/api/admin/benefit-attachments', { method: on ? 'POST' : 'DELETE', body: { sourceType: source.type, sourceId: source.id, benefitId } });
      void matrix.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const has = (benefitId: number, source: Matrix['sources'][number]) => !!matrix.data?.cells.some((c) => c.benefitId === benefitId && c.sourceId === source.id && c.sourceType === source.type);

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Card title='权益目录' extra={<Button type='primary' onClick={() => setCreating(true)}>新建权益</Button>}>
        <Table<BenefitRow>
          rowKey='id'
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '还没有权益，先新建一个' }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'label', render: (v) => <Tag>{v}</Tag> },
            { title: '内容', dataIndex: 'text' },
            { title: '版本', dataIndex: 'version', render: (v) => (v ? `v${v}` : '未生效') },
            { title: '状态', dataIndex: 'enabled', render: (v) => (v ? <Tag color='green'>启用</Tag> : <Tag>停用</Tag>) },
          ]}
        />
      </Card>
      <Card title='等级 / 付费会员 × 权益' loading={matrix.loading}>
        {matrix.data && (
          <Table
            rowKey='id'
            pagination={false}
            dataSource={matrix.data.benefits}
            columns={[
              { title: '权益', dataIndex: 'name', render: (v, r) => <span>{v} <Typography.Text type='secondary'>{r.text}</Typography.Text></span> },
              ...matrix.data.sources.map((s) => ({
                title: s.type === 'plan' ? `👑 ${s.name}` : s.name,
                key: `${s.type}-${s.id}`,
                align: 'center' as const,
                render: (_: unknown, b: { id: number }) => <Checkbox checked={has(b.id, s)} onChange={(e) => toggleCell(b.id, s, e.target.checked)} />,
              })),
            ]}
          />
        )}
      </Card>
      <Card title='权益预览：某会员现在能享受什么' extra={<InputNumber placeholder='会员 ID' min={1} onChange={(v) => setPreviewId(v)} />}>
        {preview.data ? (
          <Space direction='vertical'>
            <Typography.Text>当前等级：<Tag color='gold'>{preview.data.tier.name}</Tag></Typography.Text>
            {preview.data.benefits.length === 0 ? <Typography.Text type='secondary'>暂无权益</Typography.Text> : preview.data.benefits.map((b) => (
              <Typography.Text key={b.benefitId}>{b.text} <Typography.Text type='secondary'>来自 {b.sources.map((s) => s.name).join('、')}</Typography.Text></Typography.Text>
            ))}
          </Space>
        ) : (
          <Typography.Text type='secondary'>输入会员 ID 查看</Typography.Text>
        )}
      </Card>
      <Modal title='新建权益' open={creating} onOk={create} onCancel={() => setCreating(false)} okText='创建' destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label='类型'>
            <Select value={type} onChange={setType} options={Object.entries(BENEFIT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label='名称' name='name' rules={[{ required: true, max: 32 }]}><Input /></Form.Item>
          {(PARAMS[type] ?? []).map((f) => (
            <Form.Item key={f.name} label={f.label} name={f.name} rules={[{ required: f.name !== 'minOrderFen' }]}>
              {f.ids ? <Input placeholder='1, 2, 3' /> : <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} />}
            </Form.Item>
          ))}
          {type === 'group_invite' && (
            <Form.Item label='社群' name='groupType' initialValue='vip'>
              <Select options={[{ value: 'vip', label: 'VIP 群' }, { value: 'koc', label: 'KOC 群' }]} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
