import { useRef, useState } from 'react';
import { Button, Space, Switch, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  DrawerForm,
  ModalForm,
  ProFormDependency,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  type ActionType,
} from '@ant-design/pro-components';
import {
  describeSegment,
  formatYuan,
  KOC_REWARD_KIND_LABELS,
  KOC_REWARD_STATES,
  MAX_COMMISSION_BPS,
  type CouponTemplateView,
  type Fen,
  type KocLeaderboardItem,
  type KocProgrammeInput,
  type KocProgrammeView,
  type KocRewardStatus,
  type KocRewardView,
  type KocView,
} from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { fetchSegments } from '../../services/insight';

const api = {
  programmes: () => http<{ items: KocProgrammeView[] }>('/api/admin/koc/programmes'),
  saveProgramme: (body: KocProgrammeInput, id?: number) =>
    http<KocProgrammeView>(id ? `/api/admin/koc/programmes/${id}` : '/api/admin/koc/programmes', { method: id ? 'PUT' : 'POST', body }),
  kocs: () => http<{ items: KocView[] }>('/api/admin/koc/members'),
  designate: (programmeId: number, memberIds: number[]) =>
    http<{ added: number }>('/api/admin/koc/members', { method: 'POST', body: { programmeId, memberIds } }),
  setEnabled: (memberId: number, enabled: boolean) => http(`/api/admin/koc/members/${memberId}`, { method: 'PUT', body: { enabled } }),
  applyCriteria: () => http<{ added: number }>('/api/admin/koc/apply-criteria', { method: 'POST' }),
  leaderboard: () => http<{ items: KocLeaderboardItem[] }>('/api/admin/koc/leaderboard'),
  rewards: (status?: string) => http<{ items: KocRewardView[] }>(`/api/admin/koc/rewards${status ? `?status=${status}` : ''}`),
};

const STATUS_COLORS: Record<KocRewardStatus, string> = { pending: 'blue', credited: 'green', cancelled: 'default' };

interface ProgrammeForm extends Omit<KocProgrammeInput, 'criteria'> {
  segmentId?: number | null;
  commissionPercent: number;
}

function rewardText(p: KocProgrammeView): string {
  if (p.rewardKind === 'points') return `首单 ${p.rewardPoints} 积分`;
  if (p.rewardKind === 'coupon') return `首单送券 #${p.rewardCouponTemplateId}`;
  return `${p.commissionDays} 天内订单 ${p.commissionBps / 100}% 分佣`;
}

/** KOC programme (推荐官): programmes, KOCs (designate by hand or by criteria), leaderboard and rewards. */
export default function KocPage() {
  const run = useAction();
  const programmesTable = useRef<ActionType>();
  const kocsTable = useRef<ActionType>();
  const [editing, setEditing] = useState<KocProgrammeView | null | undefined>(undefined);
  const segments = useLoad(fetchSegments);
  const templates = useLoad(() => http<{ items: CouponTemplateView[] }>('/api/admin/coupon-templates'));
  const programmes = useLoad(api.programmes);
  const templateOptions = (templates.data?.items ?? []).map((t) => ({ label: t.name, value: t.id }));

  const save = async (v: ProgrammeForm) => {
    const segment = segments.data?.items.find((s) => s.id === v.segmentId);
    const body: KocProgrammeInput = {
      name: v.name,
      enabled: v.enabled,
      criteria: segment ? segment.definition : editing?.criteria && v.segmentId === -1 ? editing.criteria : null,
      rewardKind: v.rewardKind,
      rewardPoints: v.rewardKind === 'points' ? (v.rewardPoints ?? 0) : 0,
      rewardCouponTemplateId: v.rewardKind === 'coupon' ? (v.rewardCouponTemplateId ?? null) : null,
      commissionBps: v.rewardKind === 'commission' ? Math.round((v.commissionPercent ?? 0) * 100) : 0,
      // Fields of the other reward kinds are not mounted: keep what was saved, or the defaults.
      commissionDays: v.commissionDays ?? editing?.commissionDays ?? 30,
      refundWindowDays: v.refundWindowDays,
      welcomeCouponTemplateId: v.welcomeCouponTemplateId ?? null,
    };
    const ok = await run(() => api.saveProgramme(body, editing?.id), '已保存');
    if (ok) {
      programmesTable.current?.reload();
      void programmes.reload();
    }
    return ok;
  };

  const programmeTab = (
    <>
      <AdminTable<KocProgrammeView>
        tableKey='koc-programmes'
        actionRef={programmesTable}
        headerTitle='推荐官计划'
        request={() => allRows(api.programmes())}
        toolBarRender={() => [
          <Button key='criteria' onClick={async () => (await run(api.applyCriteria, '已按条件更新推荐官')) && kocsTable.current?.reload()}>
            按条件评估
          </Button>,
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid='new-programme'>
            新建计划
          </Button>,
        ]}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '状态', dataIndex: 'enabled', render: (_, p) => (p.enabled ? <Tag color='green'>启用</Tag> : <Tag>停用</Tag>) },
          { title: '入选条件', dataIndex: 'criteria', render: (_, p) => (p.criteria ? describeSegment(p.criteria) : '手动指定') },
          { title: '推荐奖励', dataIndex: 'rewardKind', render: (_, p) => rewardText(p) },
          { title: '退款观察期', dataIndex: 'refundWindowDays', render: (_, p) => `${p.refundWindowDays} 天` },
          {
            title: '新人券',
            dataIndex: 'welcomeCouponTemplateId',
            render: (_, p) => templateOptions.find((t) => t.value === p.welcomeCouponTemplateId)?.label ?? '—',
          },
          { title: '推荐官', dataIndex: 'kocCount' },
          { title: '操作', valueType: 'option', render: (_, p) => <a onClick={() => setEditing(p)}>编辑</a> },
        ]}
      />
      <DrawerForm<ProgrammeForm>
        title={editing ? '编辑推荐官计划' : '新建推荐官计划'}
        open={editing !== undefined}
        drawerProps={{ destroyOnClose: true, onClose: () => setEditing(undefined) }}
        onOpenChange={(open) => !open && setEditing(undefined)}
        initialValues={
          editing
            ? { ...editing, segmentId: editing.criteria ? -1 : 0, commissionPercent: editing.commissionBps / 100 }
            : { enabled: true, rewardKind: 'points', rewardPoints: 200, commissionPercent: 5, commissionDays: 30, refundWindowDays: 7, segmentId: 0 }
        }
        onFinish={save}
      >
        <ProFormText name='name' label='名称' rules={[{ required: true, max: 40 }]} />
        <ProFormSwitch name='enabled' label='启用' />
        <ProFormSelect
          name='segmentId'
          label='入选条件'
          tooltip='符合所选分群条件的会员每晚自动成为推荐官；也可在「推荐官」中手动指定'
          options={[
            { label: '仅手动指定', value: 0 },
            ...(editing?.criteria ? [{ label: `保持当前条件：${describeSegment(editing.criteria)}`, value: -1 }] : []),
            ...(segments.data?.items ?? []).map((s) => ({ label: `分群：${s.name}`, value: s.id })),
          ]}
        />
        <ProFormRadio.Group
          name='rewardKind'
          label='推荐奖励'
          radioType='button'
          options={Object.entries(KOC_REWARD_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <ProFormDependency name={['rewardKind']}>
          {({ rewardKind }) => (
            <>
              {rewardKind === 'points' && <ProFormDigit name='rewardPoints' label='首单奖励积分' min={1} max={100000} fieldProps={{ precision: 0 }} />}
              {rewardKind === 'coupon' && (
                <ProFormSelect name='rewardCouponTemplateId' label='首单奖励优惠券' options={templateOptions} rules={[{ required: true }]} />
              )}
              {rewardKind === 'commission' && (
                <>
                  <ProFormDigit name='commissionPercent' label='分佣比例 %' min={0.01} max={MAX_COMMISSION_BPS / 100} fieldProps={{ precision: 2 }} />
                  <ProFormDigit
                    name='commissionDays'
                    label='分佣天数'
                    tooltip='好友绑定后这些天内支付的订单计佣'
                    min={1}
                    max={365}
                    fieldProps={{ precision: 0 }}
                  />
                </>
              )}
            </>
          )}
        </ProFormDependency>
        <ProFormDigit
          name='refundWindowDays'
          label='退款观察期（天）'
          tooltip='订单支付后过了观察期才入账；期内全额退款则不发'
          min={0}
          max={60}
          fieldProps={{ precision: 0 }}
        />
        <ProFormSelect name='welcomeCouponTemplateId' label='被邀请人新人券' options={templateOptions} allowClear />
      </DrawerForm>
    </>
  );

  const kocTab = (
    <AdminTable<KocView>
      tableKey='koc-members'
      actionRef={kocsTable}
      rowKey='memberId'
      headerTitle='推荐官'
      request={() => allRows(api.kocs())}
      toolBarRender={() => [
        <ModalForm<{ programmeId: number; memberIds: string }>
          key='designate'
          title='指定推荐官'
          trigger={
            <Button type='primary' icon={<PlusOutlined />}>
              指定推荐官
            </Button>
          }
          modalProps={{ destroyOnClose: true }}
          onFinish={async (v) => {
            const ids = v.memberIds
              .split(/[\s,，]+/)
              .filter(Boolean)
              .map(Number);
            const ok = await run(() => api.designate(v.programmeId, ids), '已指定');
            if (ok) kocsTable.current?.reload();
            return ok;
          }}
        >
          <ProFormSelect
            name='programmeId'
            label='计划'
            rules={[{ required: true }]}
            options={(programmes.data?.items ?? []).map((p) => ({ label: p.name, value: p.id }))}
          />
          <ProFormText
            name='memberIds'
            label='会员 ID'
            placeholder='多个用逗号分隔'
            rules={[{ required: true, pattern: /^\s*\d+([\s,，]+\d+)*\s*$/, message: '请输入会员 ID' }]}
          />
        </ModalForm>,
      ]}
      columns={[
        { title: '会员', dataIndex: 'nickname', render: (_, k) => `${k.nickname}（#${k.memberId}）` },
        { title: '计划', dataIndex: 'programmeName' },
        { title: '来源', dataIndex: 'source', render: (_, k) => (k.source === 'manual' ? '手动' : '条件') },
        { title: '邀请人数', dataIndex: 'invitees' },
        { title: '成为推荐官', dataIndex: 'createdAt', render: (_, k) => dateTime(k.createdAt) },
        {
          title: '启用',
          dataIndex: 'enabled',
          render: (_, k) => (
            <Switch
              checked={k.enabled}
              onChange={async (on) => (await run(() => api.setEnabled(k.memberId, on), on ? '已启用' : '已停用')) && kocsTable.current?.reload()}
            />
          ),
        },
      ]}
    />
  );

  const leaderboardTab = (
    <Space direction='vertical' style={{ width: '100%' }} size='large'>
      <AdminTable<KocLeaderboardItem>
        tableKey='koc-leaderboard'
        rowKey='kocMemberId'
        headerTitle='推荐官排行榜'
        request={() => allRows(api.leaderboard())}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 80 },
          { title: '推荐官', dataIndex: 'nickname', render: (_, r) => `${r.nickname}（#${r.kocMemberId}）` },
          { title: '邀请人数', dataIndex: 'invitees' },
          { title: '已入账积分', dataIndex: 'creditedPoints' },
          { title: '待入账积分', dataIndex: 'pendingPoints' },
        ]}
      />
    </Space>
  );

  const rewardsTab = (
    <AdminTable<KocRewardView, { status?: string }>
      tableKey='koc-rewards'
      headerTitle='推荐奖励'
      request={(params) => allRows(api.rewards(params.status))}
      columns={[
        { title: '推荐官', dataIndex: 'kocName', render: (_, r) => `${r.kocName}（#${r.kocMemberId}）` },
        { title: '被邀请人', dataIndex: 'inviteeName' },
        { title: '订单', dataIndex: 'orderId' },
        { title: '类型', dataIndex: 'kindLabel' },
        {
          title: '状态',
          dataIndex: 'status',
          search: true,
          valueType: 'select',
          valueEnum: Object.fromEntries(Object.entries(KOC_REWARD_STATES.labels).map(([k, text]) => [k, { text }])),
          render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>,
        },
        { title: '订单实付', dataIndex: 'paidFen', render: (_, r) => formatYuan(r.paidFen as Fen) },
        { title: '已退款', dataIndex: 'refundedFen', render: (_, r) => formatYuan(r.refundedFen as Fen) },
        { title: '积分', dataIndex: 'points' },
        { title: '已扣回', dataIndex: 'clawedBackPoints' },
        { title: '入账时间', dataIndex: 'dueAt', render: (_, r) => (r.creditedAt ? dateTime(r.creditedAt) : `预计 ${dateTime(r.dueAt)}`) },
      ]}
    />
  );

  return (
    <Tabs
      defaultActiveKey={new URLSearchParams(window.location.search).get('tab') ?? 'programmes'}
      items={[
        { key: 'programmes', label: '推荐计划', children: programmeTab },
        { key: 'kocs', label: '推荐官', children: kocTab },
        { key: 'leaderboard', label: '排行榜', children: leaderboardTab },
        { key: 'rewards', label: '推荐奖励', children: rewardsTab },
      ]}
    />
  );
}
