import { useRef, useState } from 'react';
import { Avatar, Button, Modal, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDependency, ProFormSelect, ProFormSwitch, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  ACCOUNT_ROLE_LABELS,
  STORE_ROLES,
  type AccountRole,
  type AdminAccountView,
  type CreateAccountRequest,
  type StaffInviteView,
  type UpdateAccountRequest,
} from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { ImageUpload } from '../../components/ImageUpload';
import { BoolBadge, labelValueEnum } from '../../components/status';
import { useAction } from '../../components/use-action';
import { useStoreOptions } from '../../components/use-stores';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { getSession } from '../../services/session';
import { SessionsDrawer } from './SessionsDrawer';

const ROLE = labelValueEnum(ACCOUNT_ROLE_LABELS, {
  admin: 'Error',
  ops: 'Processing',
  finance: 'Warning',
  store_manager: 'Success',
});
const isStoreRole = (role: AccountRole | undefined) => !!role && STORE_ROLES.includes(role);

/** A mobile number or a landline with its area code, as the server accepts. */
const WORK_PHONE = { pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '手机号或带区号的座机，如 13800138000、021-62345678' };

interface EditForm {
  displayName: string;
  workPhone?: string;
  avatarUploadId?: number | null;
  active: boolean;
}

export default function AccountsPage() {
  const run = useAction();
  const table = useRef<ActionType>();
  const stores = useStoreOptions();
  const [invite, setInvite] = useState<(StaffInviteView & { name: string }) | null>(null);
  const [sessionsOf, setSessionsOf] = useState<AdminAccountView | null>(null);
  const [editing, setEditing] = useState<AdminAccountView | null>(null);
  // Only a super admin may see and end sessions (the server refuses everyone else too).
  const canManageSessions = getSession()?.account.role === 'admin';

  const makeInvite = (row: AdminAccountView) =>
    run(async () =>
      setInvite({
        name: row.displayName,
        ...(await http<StaffInviteView>(`/api/admin/accounts/${row.id}/invites`, { method: 'POST' })),
      }),
    );

  const columns: ProColumns<AdminAccountView>[] = [
    { title: '用户名', dataIndex: 'username' },
    {
      title: '姓名',
      dataIndex: 'displayName',
      render: (_, r) => (
        <Space>
          <Avatar size='small' src={r.avatarUrl ?? undefined} style={{ background: '#A67C3D' }}>
            {r.displayName.slice(0, 1)}
          </Avatar>
          {r.displayName}
        </Space>
      ),
    },
    { title: '工作电话', dataIndex: 'workPhone', render: (_, r) => r.workPhone ?? '-' },
    { title: '角色', dataIndex: 'role', valueEnum: ROLE, filters: true, onFilter: true },
    { title: '门店', dataIndex: 'storeName', render: (_, r) => r.storeName ?? '总部' },
    {
      title: '状态',
      dataIndex: 'active',
      render: (_, r) => <BoolBadge value={r.active} yes='启用' no='停用' />,
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (_, r) => dateTime(r.lastLoginAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 220,
      render: (_, row) => (
        <Space size='middle'>
          {canManageSessions && <a onClick={() => setEditing(row)}>编辑</a>}
          {canManageSessions && <a onClick={() => setSessionsOf(row)}>登录会话</a>}
          {isStoreRole(row.role) && row.active && <a onClick={() => makeInvite(row)}>生成小程序邀请码</a>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <AdminTable<AdminAccountView>
        tableKey='accounts'
        headerTitle='账号'
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: AdminAccountView[] }>('/api/admin/accounts'))}
        toolBarRender={() => [
          <EditModal<CreateAccountRequest>
            key='new'
            title='新建账号'
            trigger={
              <Button type='primary' icon={<PlusOutlined />}>
                新建账号
              </Button>
            }
            initialValues={{ role: 'staff' }}
            modalProps={{ okText: '创建' }}
            onFinish={async (v) => {
              const { workPhone, ...rest } = v;
              const body: CreateAccountRequest = {
                ...rest,
                storeId: isStoreRole(v.role) ? v.storeId : undefined,
                ...(workPhone?.trim() ? { workPhone: workPhone.trim() } : {}),
              };
              const done = await run(() => http('/api/admin/accounts', { method: 'POST', body }), '账号已创建');
              if (done) void table.current?.reload();
              return done;
            }}
          >
            <ProFormText
              name='username'
              label='用户名'
              rules={[
                {
                  required: true,
                  pattern: /^[a-z][a-z0-9_.-]{2,31}$/,
                  message: '3-32 位小写字母开头的字母、数字或 _.-',
                },
              ]}
              fieldProps={{ autoComplete: 'off' }}
            />
            <ProFormText name='displayName' label='姓名' rules={[{ required: true, max: 32 }]} />
            <ProFormText.Password
              name='password'
              label='初始密码'
              rules={[{ required: true, min: 8, max: 72, message: '8-72 位' }]}
              fieldProps={{ autoComplete: 'new-password' }}
            />
            <ProFormText name='workPhone' label='工作电话' rules={[WORK_PHONE]} extra='会员可选择查看并拨打其专属导购的工作电话' />
            <ProFormSelect name='role' label='角色' rules={[{ required: true }]} valueEnum={ACCOUNT_ROLE_LABELS} />
            <ProFormDependency name={['role']}>
              {({ role }) =>
                isStoreRole(role) && (
                  <ProFormSelect name='storeId' label='门店' rules={[{ required: true, message: '门店员工必须属于一个门店' }]} options={stores.options} />
                )
              }
            </ProFormDependency>
          </EditModal>,
        ]}
      />
      <EditModal<EditForm>
        title={`编辑账号 · ${editing?.username ?? ''}`}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={editing ? { displayName: editing.displayName, workPhone: editing.workPhone ?? '', active: editing.active } : undefined}
        onFinish={async ({ displayName, workPhone, avatarUploadId, active }) => {
          const body: UpdateAccountRequest = {
            displayName: displayName.trim(),
            workPhone: workPhone?.trim() ? workPhone.trim() : null,
            ...(avatarUploadId ? { avatarUploadId } : {}),
            ...(active !== editing!.active ? { active } : {}),
          };
          const done = await run(() => http(`/api/admin/accounts/${editing!.id}`, { method: 'PATCH', body }), '账号已更新');
          if (done) void table.current?.reload();
          return done;
        }}
      >
        <ProFormText name='displayName' label='姓名' rules={[{ required: true, whitespace: true, max: 32 }]} />
        <ProFormText name='workPhone' label='工作电话' rules={[WORK_PHONE]} extra='留空则会员看不到电话；会员主动查看时才显示' />
        <ProForm.Item name='avatarUploadId' label='头像'>
          <ImageUpload purpose='cover' currentUrl={editing?.avatarUrl} />
        </ProForm.Item>
        <ProFormSwitch name='active' label='启用' extra='停用后该账号所有登录会话立即失效' />
      </EditModal>
      {canManageSessions && <SessionsDrawer account={sessionsOf} onClose={() => setSessionsOf(null)} />}
      <Modal title={`${invite?.name ?? ''} 的邀请码`} open={invite !== null} onCancel={() => setInvite(null)} footer={null}>
        <Space direction='vertical'>
          <Typography.Title level={2} copyable style={{ letterSpacing: 6, margin: 0 }} data-testid='invite-code'>
            {invite?.code}
          </Typography.Title>
          <Typography.Text type='secondary'>
            请员工在小程序「我的 → 员工工作台」输入，{dateTime(invite?.expiresAt)}
            （北京时间）前有效，只能使用一次。
          </Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
