import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Avatar, Button, Card, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { CalendarOutlined, UserOutlined } from '@ant-design/icons';
import { ProDescriptions, ProFormDatePicker, ProFormTextArea } from '@ant-design/pro-components';
import dayjs from 'dayjs';
import { beijingDate, GENDER_LABELS, ORDER_STATES, PROFILE_FIELD_LABELS, type AdminMemberDetail, type ChangeBirthdayRequest } from '@mall/shared';
import { AuditLogTable } from '../../components/AuditLogTable';
import { EditModal } from '../../components/EditModal';
import { stateValueEnum, StatusBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime, yuan } from '../../services/format';
import { http } from '../../services/http';
import { forgetMemberName } from '../../services/members';
import { getSession } from '../../services/session';
import { MemberInsightTab } from './MemberInsightTab';

const ORDER_STATUS = stateValueEnum(ORDER_STATES, { pending_payment: 'Warning', paid: 'Processing', completed: 'Success', refunded: 'Error' });
const SVIP_TEXT: Record<AdminMemberDetail['svip']['status'], { text: string; color: string }> = {
  none: { text: '未开通', color: 'default' },
  active: { text: 'SVIP 生效中', color: 'gold' },
  grace: { text: 'SVIP 宽限期', color: 'orange' },
  expired: { text: 'SVIP 已过期', color: 'default' },
};

type Order = AdminMemberDetail['recentOrders'][number];

function BirthdayModal({ detail, onDone }: { detail: AdminMemberDetail; onDone: () => void }) {
  const run = useAction();
  return (
    <EditModal<{ birthday: string; reason: string }>
      title='修改生日'
      width={460}
      trigger={
        <Button icon={<CalendarOutlined />} data-testid='change-birthday'>
          修改生日
        </Button>
      }
      initialValues={{ birthday: detail.profile.birthday ?? undefined }}
      modalProps={{ okText: '确认修改' }}
      onFinish={async ({ birthday, reason }) => {
        const body: ChangeBirthdayRequest = { birthday, reason: reason.trim() };
        const done = await run(() => http(`/api/admin/members/${detail.profile.id}/birthday`, { method: 'PUT', body }), '生日已修改，已记入操作记录');
        if (done) onDone();
        return done;
      }}
    >
      <Alert
        type='info'
        showIcon
        style={{ marginBottom: 16 }}
        message='会员设置生日后不能自行修改；生日礼和生日月权益按新生日发放。修改和原因会记入操作记录。'
      />
      <ProFormDatePicker
        name='birthday'
        label='生日'
        rules={[{ required: true, message: '请选择生日' }]}
        fieldProps={{ format: 'YYYY-MM-DD', disabledDate: (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') > beijingDate() || d.year() < 1900 }}
        transform={(v: string | dayjs.Dayjs) => ({ birthday: dayjs(v).format('YYYY-MM-DD') })}
      />
      <ProFormTextArea
        name='reason'
        label='原因'
        rules={[{ required: true, whitespace: true, min: 2, max: 120, message: '请填写 2-120 字的原因' }]}
        fieldProps={{ rows: 2, placeholder: '如：会员来电，身份证生日为…' }}
      />
    </EditModal>
  );
}

function Assets({ d }: { d: AdminMemberDetail }) {
  return (
    <Space size={48} wrap>
      <Statistic title='储值余额' value={yuan(d.wallet.totalFen)} />
      <Statistic title='其中本金' value={yuan(d.wallet.principalFen)} />
      <Statistic title='其中赠送金' value={yuan(d.wallet.bonusFen)} />
      <Statistic title='积分' value={d.points.balance} />
      <Statistic title='可用优惠券' value={d.coupons.available} suffix={<Typography.Text type='secondary'>/ 共 {d.coupons.total}</Typography.Text>} />
    </Space>
  );
}

export default function MemberDetailPage() {
  const id = Number(useParams().id);
  const { data: d, loading, reload } = useLoad(() => http<AdminMemberDetail>(`/api/admin/members/${id}`), [id]);
  const [tab, setTab] = useState('orders');
  /** Bumped after a change so the audit tab reloads and shows it. */
  const [changes, setChanges] = useState(0);
  const role = getSession()?.account.role;
  const canChangeBirthday = role === 'admin' || role === 'ops';
  const canSeeInsight = role === 'admin' || role === 'ops';

  if (!d) return <Card loading={loading}>{!loading && <Alert type='error' showIcon message={`会员 #${id} 不存在或无权查看`} />}</Card>;
  const p = d.profile;
  const svip = SVIP_TEXT[d.svip.status];
  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='member-detail'>
      <Card loading={loading}>
        <Space align='start' style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space size='large' align='center'>
            <Avatar size={64} src={p.avatarUrl ?? undefined} icon={<UserOutlined />} />
            <Space direction='vertical' size={4}>
              <Space>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {p.nickname}
                </Typography.Title>
                <Tag color={d.tier.color}>{d.tier.name}</Tag>
                <Tag color={svip.color}>{svip.text}</Tag>
              </Space>
              <Typography.Text type='secondary'>
                会员 ID {p.id} · {p.phoneMasked ?? '未绑定手机号'}
              </Typography.Text>
            </Space>
          </Space>
          <Space wrap>
            {canChangeBirthday && (
              <BirthdayModal
                detail={d}
                onDone={() => {
                  forgetMemberName(id);
                  void reload();
                  setChanges((n) => n + 1);
                  setTab('audit');
                }}
              />
            )}
            <Link to={`/wallets?memberId=${id}`}>
              <Button>钱包流水</Button>
            </Link>
            <Link to={`/points?tab=member&memberId=${id}`}>
              <Button>积分明细</Button>
            </Link>
          </Space>
        </Space>
        <div style={{ marginTop: 24 }}>
          <Assets d={d} />
        </div>
      </Card>

      <Card title='资料'>
        <ProDescriptions<AdminMemberDetail['profile']> column={3} dataSource={p}>
          <ProDescriptions.Item label='昵称' dataIndex='nickname' />
          <ProDescriptions.Item label='手机号' render={() => p.phoneMasked ?? '未绑定'} />
          <ProDescriptions.Item label='性别' render={() => GENDER_LABELS[p.gender]} />
          <ProDescriptions.Item label='生日' render={() => <span data-testid='member-birthday'>{p.birthday ?? '未设置'}</span>} />
          <ProDescriptions.Item label='地区' render={() => p.region || '未设置'} />
          <ProDescriptions.Item
            label='资料完整度'
            render={() => (p.missing.length === 0 ? <Tag color='green'>已完善</Tag> : `待完善：${p.missing.map((f) => PROFILE_FIELD_LABELS[f]).join('、')}`)}
          />
          <ProDescriptions.Item label='注册时间' render={() => dateTime(p.createdAt)} />
          <ProDescriptions.Item label='最近登录' render={() => dateTime(p.lastLoginAt)} />
          <ProDescriptions.Item label='来源场景' render={() => p.registerScene ?? '-'} />
          <ProDescriptions.Item label='OpenID' render={() => <Typography.Text code>{p.openidMasked}</Typography.Text>} />
          <ProDescriptions.Item label='等级' render={() => `${d.tier.name}（成长值 ${d.tier.growth}）`} />
          <ProDescriptions.Item label='保级至' render={() => dateTime(d.tier.keepUntil)} />
          <ProDescriptions.Item
            label='SVIP'
            render={() => (d.svip.status === 'none' ? '未开通' : `${d.svip.planName ?? svip.text}，${dateTime(d.svip.expiresAt)} 到期`)}
          />
          <ProDescriptions.Item label='绑定门店' render={() => d.binding?.storeName ?? '未绑定'} />
          <ProDescriptions.Item
            label='专属导购'
            render={() =>
              d.binding ? `${d.binding.staffName ?? '未分配'}（${dateTime(d.binding.boundAt)} 绑定，保护至 ${dateTime(d.binding.protectedUntil)}）` : '-'
            }
          />
        </ProDescriptions>
      </Card>

      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'orders',
              label: '最近订单',
              children: (
                <Table<Order>
                  rowKey='id'
                  size='small'
                  pagination={false}
                  dataSource={d.recentOrders}
                  locale={{ emptyText: '还没有订单' }}
                  columns={[
                    { title: '订单号', dataIndex: 'orderNo' },
                    { title: '商品', dataIndex: 'title' },
                    { title: '应付', dataIndex: 'payableFen', align: 'right', render: (v: number) => yuan(v) },
                    { title: '状态', dataIndex: 'status', render: (_, o) => <StatusBadge values={ORDER_STATUS} status={o.status} text={o.statusText} /> },
                    { title: '下单时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
                  ]}
                />
              ),
            },
            ...(canSeeInsight ? [{ key: 'insight', label: '画像', children: <MemberInsightTab memberId={id} /> }] : []),
            {
              key: 'audit',
              label: '操作记录',
              children: <AuditLogTable key={changes} ghost tableKey='member-audit' fixed={{ targetType: 'member', targetId: String(id) }} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
