import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Image,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Funnel } from '@ant-design/charts';
import dayjs, { type Dayjs } from 'dayjs';
import {
  COMMUNITY_GROUP_TYPE_LABELS,
  COMMUNITY_GROUP_TYPES,
  DEFAULT_CODE_CAPACITY,
  DEFAULT_CODE_EXPIRY_DAYS,
  describeSegment,
  validateCommunityGroup,
  validateSegment,
  type CommunityGroupInput,
  type CommunityGroupType,
  type CouponTemplateView,
  type SegmentGroup,
} from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { StorePosterButton } from './StorePosterButton';
import { ImageUpload } from '../../components/ImageUpload';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useStoreOptions } from '../../components/use-stores';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { fetchTagGroups, fetchTags } from '../../services/insight';
import { GroupEditor, newFactCondition, newGroup, type BuilderContext } from '../insight/SegmentBuilder';
import {
  addImageCode,
  addWecomCode,
  createGroup,
  eligibleCount,
  fetchGroup,
  fetchGroups,
  fetchWarnings,
  removeCode,
  runNightly,
  setGroupEnabled,
  updateGroup,
  type CommunityGroupView,
  type GroupCodeView,
} from './community-api';

const TYPE_COLORS: Record<CommunityGroupType, string> = { koc: 'gold', vip: 'purple', flash: 'red', event: 'blue' };
const COUNT_DELAY_MS = 400;

const EMPTY: CommunityGroupInput = {
  type: 'vip',
  name: '',
  description: '',
  coverUploadId: null,
  criteria: newGroup('all', [newFactCondition('tierLevel')]),
  capacity: 500,
  endsAt: null,
  nextGroupId: null,
  perkCouponTemplateId: null,
  welcomeText: '',
};

/** Counts the members the criteria select while they are edited (debounced; only the latest answer shows). */
function useEligibleCount(criteria: SegmentGroup | null): { count: number | null; loading: boolean; invalid: string | null } {
  const [state, setState] = useState<{ count: number | null; loading: boolean; invalid: string | null }>({ count: null, loading: false, invalid: null });
  const latest = useRef(0);
  const key = JSON.stringify(criteria);
  useEffect(() => {
    const id = ++latest.current;
    const errors = criteria ? validateSegment(criteria) : [];
    if (errors.length) {
      setState({ count: null, loading: false, invalid: errors[0].message });
      return;
    }
    setState((s) => ({ ...s, loading: true, invalid: null }));
    const timer = setTimeout(() => {
      eligibleCount(criteria).then(
        (r) => id === latest.current && setState({ count: r.count, loading: false, invalid: null }),
        () => id === latest.current && setState({ count: null, loading: false, invalid: null }),
      );
    }, COUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return state;
}

function GroupEditorDrawer({
  open,
  editing,
  groups,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: CommunityGroupView | null;
  groups: CommunityGroupView[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const run = useAction();
  const [input, setInput] = useState<CommunityGroupInput>(EMPTY);
  const [busy, setBusy] = useState(false);
  const tags = useLoad(fetchTags);
  const tagGroups = useLoad(fetchTagGroups);
  const stores = useStoreOptions();
  const templates = useLoad(() => http<{ items: CouponTemplateView[] }>('/api/admin/coupon-templates'));
  const ctx: BuilderContext = { tags: tags.data?.items ?? [], groups: tagGroups.data ?? [], stores: stores.options };
  useEffect(() => {
    if (!open) return;
    setInput(
      editing
        ? {
            type: editing.type,
            name: editing.name,
            description: editing.description,
            coverUploadId: editing.coverUploadId,
            criteria: editing.criteria,
            capacity: editing.capacity,
            endsAt: editing.endsAt,
            nextGroupId: editing.nextGroupId,
            perkCouponTemplateId: editing.perkCouponTemplateId,
            welcomeText: editing.welcomeText,
          }
        : EMPTY,
    );
  }, [open, editing]);
  const count = useEligibleCount(input.criteria);
  const set = (patch: Partial<CommunityGroupInput>) => setInput((i) => ({ ...i, ...patch }));
  const problems = validateCommunityGroup(input, new Date(), editing?.id ?? null);
  const problemOf = (path: string) => problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message;

  const save = async () => {
    setBusy(true);
    const ok = await run(() => (editing ? updateGroup(editing.id, input) : createGroup(input)), '社群已保存');
    setBusy(false);
    if (ok) onSaved();
  };

  return (
    <Drawer
      title={editing ? `编辑社群：${editing.name}` : '新建社群'}
      width={880}
      open={open}
      onClose={onClose}
      destroyOnClose
      extra={
        <Button type='primary' onClick={save} loading={busy} disabled={problems.length > 0} data-testid='group-save'>
          保存
        </Button>
      }
    >
      <Form layout='vertical'>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label='群类型' required>
              <Radio.Group
                value={input.type}
                onChange={(e) => set({ type: e.target.value as CommunityGroupType })}
                options={COMMUNITY_GROUP_TYPES.map((t) => ({ value: t, label: COMMUNITY_GROUP_TYPE_LABELS[t] }))}
                optionType='button'
              />
            </Form.Item>
            <Form.Item
              label='群名称'
              required
              validateStatus={input.name && problemOf('name') ? 'error' : undefined}
              help={input.name ? problemOf('name') : undefined}
            >
              <Input value={input.name} maxLength={30} showCount onChange={(e) => set({ name: e.target.value })} data-testid='group-name' />
            </Form.Item>
            <Form.Item label='群介绍'>
              <Input.TextArea value={input.description} maxLength={200} rows={2} onChange={(e) => set({ description: e.target.value })} />
            </Form.Item>
            <Form.Item label='欢迎语'>
              <Input.TextArea value={input.welcomeText} maxLength={200} rows={2} onChange={(e) => set({ welcomeText: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label='封面'>
              <ImageUpload purpose='cover' value={input.coverUploadId} currentUrl={editing?.coverUrl} onChange={(coverUploadId) => set({ coverUploadId })} />
            </Form.Item>
            <Form.Item label='群容量（人）' required help={problemOf('capacity')}>
              <InputNumber min={1} max={100000} value={input.capacity} onChange={(v) => set({ capacity: v ?? 0 })} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label='群专属福利（优惠券）'>
              <Select
                allowClear
                placeholder='不设置'
                value={input.perkCouponTemplateId ?? undefined}
                onChange={(v) => set({ perkCouponTemplateId: v ?? null })}
                options={(templates.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
              />
            </Form.Item>
            <Form.Item label={input.type === 'flash' ? '结束时间' : '结束时间（可选）'} required={input.type === 'flash'} help={problemOf('endsAt')}>
              <DatePicker
                showTime
                value={input.endsAt ? dayjs(input.endsAt) : null}
                onChange={(v: Dayjs | null) => set({ endsAt: v ? v.toISOString() : null })}
                style={{ width: '100%' }}
              />
            </Form.Item>
            {input.type === 'flash' && (
              <Form.Item label='结束后邀请成员进入' required help={problemOf('nextGroupId')}>
                <Select
                  value={input.nextGroupId ?? undefined}
                  onChange={(v) => set({ nextGroupId: v ?? null })}
                  options={groups.filter((g) => g.type !== 'flash' && g.id !== editing?.id).map((g) => ({ value: g.id, label: g.name }))}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Card
          size='small'
          title='入群条件'
          extra={
            <Radio.Group
              size='small'
              value={input.criteria ? 'segment' : 'all'}
              onChange={(e) => set({ criteria: e.target.value === 'all' ? null : newGroup('all', [newFactCondition('tierLevel')]) })}
              options={[
                { value: 'segment', label: '按条件' },
                { value: 'all', label: '所有会员' },
              ]}
              optionType='button'
            />
          }
        >
          <Row gutter={16}>
            <Col span={18}>
              {input.criteria ? (
                <GroupEditor group={input.criteria} onChange={(criteria) => set({ criteria })} ctx={ctx} />
              ) : (
                <Typography.Text type='secondary'>所有会员都可以领取入群码（适合活动群）。</Typography.Text>
              )}
              {problemOf('criteria') && <Alert style={{ marginTop: 8 }} type='info' showIcon message={problemOf('criteria')} />}
            </Col>
            <Col span={6}>
              <Statistic
                title='符合条件的会员'
                value={count.count ?? '—'}
                suffix={count.count !== null ? '人' : undefined}
                valueRender={(node) => <span data-testid='group-eligible-count'>{node}</span>}
              />
              {count.loading && <Spin size='small' />}
              {count.invalid && <Typography.Text type='secondary'>条件未填写完整</Typography.Text>}
            </Col>
          </Row>
        </Card>
      </Form>
    </Drawer>
  );
}

function expiryText(code: GroupCodeView): { text: string; color: string } {
  if (code.expired) return { text: '已过期', color: 'default' };
  if (code.full) return { text: '已满', color: 'default' };
  const hours = Math.floor((new Date(code.expiresAt).getTime() - Date.now()) / 3600_000);
  if (hours < 24) return { text: `${Math.max(1, hours)} 小时后过期`, color: 'orange' };
  return { text: `剩 ${Math.floor(hours / 24)} 天 ${hours % 24} 小时`, color: 'green' };
}

function GroupDetailDrawer({
  groupId,
  onClose,
  onChanged,
  criteriaText,
}: {
  groupId: number | null;
  onClose: () => void;
  onChanged: () => void;
  criteriaText: (criteria: SegmentGroup | null) => string;
}) {
  const run = useAction();
  const { message } = App.useApp();
  const detail = useLoad(() => (groupId ? fetchGroup(groupId) : Promise.resolve(null)), [groupId]);
  const [uploadId, setUploadId] = useState<number | null>(null);
  const [days, setDays] = useState(DEFAULT_CODE_EXPIRY_DAYS);
  const [capacity, setCapacity] = useState(DEFAULT_CODE_CAPACITY);
  const g = detail.data;
  const refresh = () => {
    void detail.reload();
    onChanged();
  };
  return (
    <Drawer title={g ? `${g.name} · 群码与漏斗` : '社群'} width={960} open={groupId !== null} onClose={onClose} destroyOnClose>
      {!g ? (
        <Spin />
      ) : (
        <Space direction='vertical' size='large' style={{ width: '100%' }}>
          {g.warnings.length > 0 && (
            <Alert
              type='warning'
              showIcon
              icon={<WarningOutlined />}
              message='群码提醒'
              description={g.warnings.map((w, i) => (
                <div key={i} data-testid='code-warning'>
                  {w.message}
                </div>
              ))}
            />
          )}
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title='符合条件' value={g.eligibleCount} suffix='人' />
            </Col>
            <Col span={6}>
              <Statistic title='群容量' value={g.capacity} suffix='人' />
            </Col>
            <Col span={12}>
              <Typography.Text type='secondary'>入群条件：{criteriaText(g.criteria)}</Typography.Text>
            </Col>
          </Row>
          <Card size='small' title='邀请漏斗' data-testid='funnel-card'>
            <Row gutter={16}>
              <Col span={14}>
                <Funnel data={g.funnel.map((s) => ({ stage: s.label, count: s.count }))} xField='stage' yField='count' height={260} />
              </Col>
              <Col span={10}>
                <Table
                  size='small'
                  pagination={false}
                  rowKey='stage'
                  dataSource={g.funnel}
                  columns={[
                    { title: '阶段', dataIndex: 'label' },
                    { title: '人数', dataIndex: 'count', align: 'right', render: (v: number, row) => <span data-testid={`funnel-${row.stage}`}>{v}</span> },
                  ]}
                />
              </Col>
            </Row>
          </Card>
          <Card
            size='small'
            title='群码池（活码）'
            extra={<Button onClick={async () => (await run(() => addWecomCode(g.id), '已创建企业微信群活码')) && refresh()}>创建企业微信群活码</Button>}
          >
            <Space wrap style={{ marginBottom: 12 }}>
              <ImageUpload purpose='group_qr' value={uploadId} onChange={setUploadId} />
              <span>有效期</span>
              <InputNumber min={1} max={7} value={days} onChange={(v) => setDays(v ?? DEFAULT_CODE_EXPIRY_DAYS)} addonAfter='天' style={{ width: 110 }} />
              <span>容量</span>
              <InputNumber
                min={1}
                max={500}
                value={capacity}
                onChange={(v) => setCapacity(v ?? DEFAULT_CODE_CAPACITY)}
                addonAfter='人'
                style={{ width: 120 }}
              />
              <Button
                type='primary'
                icon={<PlusOutlined />}
                disabled={!uploadId}
                data-testid='code-add'
                onClick={async () => {
                  if (!uploadId) return void message.info('请先上传群二维码');
                  if (await run(() => addImageCode(g.id, { uploadId, expiresInDays: days, capacity }), '群码已加入')) {
                    setUploadId(null);
                    refresh();
                  }
                }}
              >
                加入群码池
              </Button>
            </Space>
            <Table<GroupCodeView>
              size='small'
              rowKey='id'
              pagination={false}
              dataSource={g.codes}
              locale={{ emptyText: '还没有群码，会员领取时会提示稍后再来' }}
              columns={[
                { title: '二维码', dataIndex: 'imageUrl', width: 80, render: (url: string) => <Image src={url} width={48} height={48} /> },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 90,
                  render: (k: string) => (k === 'wecom' ? <Tag color='green'>企业微信</Tag> : <Tag>群二维码</Tag>),
                },
                { title: '备注', dataIndex: 'label' },
                {
                  title: '已用 / 容量',
                  width: 200,
                  render: (_, c) => (
                    <Space>
                      <Progress percent={Math.round((c.used / c.capacity) * 100)} size='small' style={{ width: 100 }} showInfo={false} />
                      {c.used} / {c.capacity}
                    </Space>
                  ),
                },
                { title: '过期时间', dataIndex: 'expiresAt', render: (v: string, c) => (c.kind === 'wecom' ? '长期有效' : dateTime(v)) },
                {
                  title: '状态',
                  width: 120,
                  render: (_, c) => {
                    const s = expiryText(c);
                    return <Tag color={s.color}>{s.text}</Tag>;
                  },
                },
                {
                  title: '操作',
                  width: 80,
                  render: (_, c) => (
                    <Popconfirm title='移出群码池？' onConfirm={async () => (await run(() => removeCode(g.id, c.id), '已移除')) && refresh()}>
                      <a>移除</a>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

export default function CommunityPage() {
  const run = useAction();
  const warnings = useLoad(fetchWarnings);
  const tags = useLoad(fetchTags);
  const tagName = (id: number) => tags.data?.items.find((t) => t.id === id)?.name ?? `#${id}`;
  const criteriaText = (criteria: SegmentGroup | null) => (criteria ? describeSegment(criteria, tagName) : '所有会员');
  const [groups, setGroups] = useState<CommunityGroupView[]>([]);
  const [editing, setEditing] = useState<CommunityGroupView | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  const table = useRef<{ reload: () => void }>();
  const reload = () => {
    table.current?.reload();
    void warnings.reload();
  };
  const now = warnings.data?.now ?? [];
  return (
    <Space direction='vertical' size='middle' style={{ width: '100%' }}>
      {now.length > 0 && (
        <Alert
          type='warning'
          showIcon
          message={`${now.length} 个社群的群码需要处理`}
          description={now.map((w) => (
            <div key={w.groupId}>
              <a onClick={() => setDetailId(w.groupId)}>{w.groupName}</a>：{w.warnings.map((x) => x.message).join('；')}
            </div>
          ))}
          data-testid='community-warnings'
        />
      )}
      <AdminTable<CommunityGroupView>
        tableKey='community-groups'
        headerTitle='社群'
        actionRef={table as never}
        request={async () => {
          const answer = await allRows(fetchGroups());
          setGroups(answer.data);
          return answer;
        }}
        toolBarRender={() => [
          <Button key='run' icon={<ThunderboltOutlined />} onClick={async () => (await run(runNightly, '已评估全部会员')) && reload()}>
            立即评估邀请
          </Button>,
          <StorePosterButton key='poster' />,
          <Button
            key='new'
            type='primary'
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setEditorOpen(true);
            }}
          >
            新建社群
          </Button>,
        ]}
        columns={[
          { title: '群名称', dataIndex: 'name', render: (_, g) => <a onClick={() => setDetailId(g.id)}>{g.name}</a> },
          { title: '类型', dataIndex: 'type', width: 90, render: (_, g) => <Tag color={TYPE_COLORS[g.type]}>{g.typeLabel}</Tag> },
          { title: '入群条件', dataIndex: 'criteriaText', ellipsis: true, render: (_, g) => criteriaText(g.criteria) },
          { title: '容量', dataIndex: 'capacity', width: 80, align: 'right' },
          {
            title: '邀请 / 入群',
            width: 120,
            render: (_, g) => (
              <span data-testid={`group-joined-${g.id}`}>
                {g.funnel?.invited ?? 0} / {g.funnel?.joined ?? 0}
              </span>
            ),
          },
          { title: '结束时间', dataIndex: 'endsAt', width: 150, render: (_, g) => dateTime(g.endsAt) },
          {
            title: '群码',
            width: 110,
            render: (_, g) => (g.warnings?.length ? <Tag color='orange'>{g.warnings.length} 条提醒</Tag> : <Tag color='green'>正常</Tag>),
          },
          { title: '状态', dataIndex: 'enabled', width: 80, render: (_, g) => (g.enabled ? <Tag color='green'>启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            width: 200,
            valueType: 'option',
            render: (_, g) => [
              <a
                key='edit'
                onClick={() => {
                  setEditing(g);
                  setEditorOpen(true);
                }}
              >
                编辑
              </a>,
              <a key='codes' onClick={() => setDetailId(g.id)}>
                群码与漏斗
              </a>,
              <a key='toggle' onClick={async () => (await run(() => setGroupEnabled(g.id, !g.enabled), g.enabled ? '已停用' : '已启用')) && reload()}>
                {g.enabled ? '停用' : '启用'}
              </a>,
            ],
          },
        ]}
      />
      <GroupEditorDrawer
        open={editorOpen}
        editing={editing}
        groups={groups}
        onClose={() => setEditorOpen(false)}
        onSaved={() => {
          setEditorOpen(false);
          reload();
        }}
      />
      <GroupDetailDrawer groupId={detailId} onClose={() => setDetailId(null)} onChanged={reload} criteriaText={criteriaText} />
    </Space>
  );
}
