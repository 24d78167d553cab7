import { useRef, useState } from 'react';
import { Button, Card, Checkbox, Empty, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProFormDependency, ProFormDigit, ProFormSelect, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  BENEFIT_LABELS,
  type AdminBenefitView,
  type BenefitAttachmentRequest,
  type BenefitMatrix,
  type BenefitSource,
  type BenefitType,
  type CreateBenefitRequest,
  type MemberCard,
} from '@mall/shared';
import { AdminTable, allRows } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { BoolBadge, labelValueEnum } from '../components/status';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { http } from '../services/http';

/** The parameter fields each benefit type needs, as simple form fields. */
const PARAMS: Partial<Record<BenefitType, { name: string; label: string; min?: number; max?: number; ids?: boolean; optional?: boolean }[]>> = {
  member_discount: [{ name: 'priceBps', label: '折扣（9000 = 9 折）', min: 1000, max: 9999 }],
  points_multiplier: [{ name: 'multiplierPct', label: '倍数 %（150 = 1.5 倍）', min: 101, max: 1000 }],
  free_shipping: [{ name: 'minOrderFen', label: '满额包邮（分，0 = 无门槛）', min: 0, optional: true }],
  birthday_gift: [{ name: 'points', label: '赠送积分', min: 1 }],
  upgrade_gift: [{ name: 'points', label: '赠送积分', min: 1 }],
  monthly_coupon_pack: [{ name: 'couponTemplateIds', label: '券模板 ID（逗号分隔）', ids: true }],
  early_access: [{ name: 'minutes', label: '提前分钟数', min: 1, max: 1440 }],
  exclusive_products: [{ name: 'productIds', label: '商品 ID（逗号分隔）', ids: true }],
};

const TYPE = labelValueEnum(BENEFIT_LABELS);

type BenefitForm = { name: string; type: BenefitType; groupType?: 'vip' | 'koc' } & Record<string, unknown>;

function specOf(v: BenefitForm): CreateBenefitRequest['spec'] {
  const spec: Record<string, unknown> = { type: v.type };
  for (const field of PARAMS[v.type] ?? []) {
    const raw = v[field.name];
    if (raw === undefined || raw === null || raw === '') continue;
    spec[field.name] = field.ids
      ? String(raw)
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(Number)
      : raw;
  }
  if (v.type === 'group_invite') spec.groupType = v.groupType ?? 'vip';
  return spec as CreateBenefitRequest['spec'];
}

function MatrixCard({
  matrix,
  onToggle,
}: {
  matrix: ReturnType<typeof useLoad<BenefitMatrix>>;
  onToggle: (body: BenefitAttachmentRequest, on: boolean) => void;
}) {
  const data = matrix.data;
  const has = (benefitId: number, s: BenefitSource) => !!data?.cells.some((c) => c.benefitId === benefitId && c.sourceId === s.id && c.sourceType === s.type);
  return (
    <Card title='等级 / 付费会员 × 权益' loading={matrix.loading}>
      {data && (
        <Table
          rowKey='id'
          pagination={false}
          size='small'
          scroll={{ x: 'max-content' }}
          dataSource={data.benefits}
          locale={{ emptyText: '还没有权益' }}
          columns={[
            {
              title: '权益',
              dataIndex: 'name',
              fixed: 'left',
              render: (v: string, r) => (
                <Space direction='vertical' size={0}>
                  <span>
                    {v} {!r.enabled && <Tag>停用</Tag>}
                  </span>
                  <Typography.Text type='secondary'>{r.text}</Typography.Text>
                </Space>
              ),
            },
            ...data.sources.map((s) => ({
              title: s.type === 'plan' ? `👑 ${s.name}` : s.name,
              key: `${s.type}-${s.id}`,
              align: 'center' as const,
              render: (_: unknown, b: { id: number }) => (
                <Checkbox
                  aria-label={`${s.name}`}
                  checked={has(b.id, s)}
                  onChange={(e) => onToggle({ sourceType: s.type, sourceId: s.id, benefitId: b.id }, e.target.checked)}
                />
              ),
            })),
          ]}
        />
      )}
    </Card>
  );
}

function PreviewCard() {
  const [memberId, setMemberId] = useState<number | null>(null);
  const card = useLoad(async () => (memberId ? http<MemberCard>(`/api/admin/members/${memberId}/card`) : null), [memberId]);
  return (
    <Card
      title='权益预览：某会员现在能享受什么'
      extra={<InputNumber placeholder='会员 ID' min={1} precision={0} onChange={(v) => setMemberId(v)} style={{ width: 140 }} />}
    >
      {card.data ? (
        <Space direction='vertical'>
          <Typography.Text>
            当前等级：<Tag color={card.data.tier.color}>{card.data.tier.name}</Tag>成长值 {card.data.growth}
          </Typography.Text>
          {card.data.benefits.length === 0 ? (
            <Typography.Text type='secondary'>暂无权益</Typography.Text>
          ) : (
            card.data.benefits.map((b) => (
              <Typography.Text key={b.benefitId}>
                {b.text} <Typography.Text type='secondary'>来自 {b.sources.map((s) => s.name).join('、')}</Typography.Text>
              </Typography.Text>
            ))
          )}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description='输入会员 ID 查看' />
      )}
    </Card>
  );
}

export default function BenefitsPage() {
  const run = useAction();
  const table = useRef<ActionType>();
  const matrix = useLoad(() => http<BenefitMatrix>('/api/admin/benefit-matrix'));
  const reloadAll = () => {
    void table.current?.reload();
    void matrix.reload();
  };

  const setEnabled = async (b: AdminBenefitView, enabled: boolean) => {
    if (await run(() => http(`/api/admin/benefits/${b.id}`, { method: 'PATCH', body: { enabled } }), enabled ? '权益已启用' : '权益已停用')) reloadAll();
  };
  const toggleCell = async (body: BenefitAttachmentRequest, on: boolean) => {
    if (await run(() => http('/api/admin/benefit-attachments', { method: on ? 'POST' : 'DELETE', body }))) void matrix.reload();
  };

  const columns: ProColumns<AdminBenefitView>[] = [
    { title: '名称', dataIndex: 'name' },
    {
      title: '类型',
      dataIndex: 'type',
      valueEnum: TYPE,
      filters: true,
      onFilter: true,
      render: (_, b) => <Tag>{b.label}</Tag>,
    },
    { title: '内容', dataIndex: 'text' },
    {
      title: '版本',
      dataIndex: 'version',
      width: 90,
      render: (_, b) => (b.version ? `v${b.version}` : '未生效'),
    },
    {
      title: '挂载',
      key: 'attached',
      width: 90,
      align: 'right',
      render: (_, b) => `${b.attachedTo.length} 处`,
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 90,
      render: (_, b) => <BoolBadge value={b.enabled} yes='启用' no='停用' />,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      render: (_, b) => <a onClick={() => setEnabled(b, !b.enabled)}>{b.enabled ? '停用' : '启用'}</a>,
    },
  ];

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <AdminTable<AdminBenefitView>
        tableKey='benefits'
        headerTitle='权益目录'
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: AdminBenefitView[] }>('/api/admin/benefits'))}
        locale={{ emptyText: '还没有权益，先新建一个' }}
        toolBarRender={() => [
          <EditModal<BenefitForm>
            key='new'
            title='新建权益'
            trigger={
              <Button type='primary' icon={<PlusOutlined />}>
                新建权益
              </Button>
            }
            initialValues={{ type: 'member_discount' }}
            modalProps={{ okText: '创建' }}
            onFinish={async (v) => {
              const body: CreateBenefitRequest = { name: v.name, spec: specOf(v) };
              const done = await run(() => http('/api/admin/benefits', { method: 'POST', body }), '权益已创建');
              if (done) reloadAll();
              return done;
            }}
          >
            <ProFormSelect name='type' label='类型' valueEnum={BENEFIT_LABELS} allowClear={false} rules={[{ required: true }]} />
            <ProFormText name='name' label='名称' rules={[{ required: true, max: 32 }]} />
            <ProFormDependency name={['type']}>
              {(values) => {
                const type = values.type as BenefitType;
                return (
                  <>
                    {(PARAMS[type] ?? []).map((f) =>
                      f.ids ? (
                        <ProFormText key={`${type}-${f.name}`} name={f.name} label={f.label} placeholder='1, 2, 3' rules={[{ required: true }]} />
                      ) : (
                        <ProFormDigit
                          key={`${type}-${f.name}`}
                          name={f.name}
                          label={f.label}
                          min={f.min}
                          max={f.max}
                          fieldProps={{ precision: 0 }}
                          rules={[{ required: !f.optional }]}
                        />
                      ),
                    )}
                    {type === 'group_invite' && (
                      <ProFormSelect
                        name='groupType'
                        label='社群'
                        initialValue='vip'
                        options={[
                          { value: 'vip', label: 'VIP 群' },
                          { value: 'koc', label: 'KOC 群' },
                        ]}
                      />
                    )}
                  </>
                );
              }}
            </ProFormDependency>
          </EditModal>,
        ]}
      />
      <MatrixCard matrix={matrix} onToggle={toggleCell} />
      <PreviewCard />
    </Space>
  );
}
