import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AdminAccountView, SessionList, SessionsRevoked, SessionView } from '@mall/shared';
import { useAction } from '../../components/use-action';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { currentSessionId, setSession } from '../../services/session';
import { shortUserAgent } from '../../services/user-agent';

type Loaded = { items: SessionView[]; error: null } | { items: SessionView[]; error: string };

/**
 * An account's signed-in sessions (admin panel and staff mode) that can still refresh, with 下线 per session and 全部下线.
 * Ending the operator's own current session signs this browser out too.
 */
export function SessionsDrawer({ account, onClose }: { account: AdminAccountView | null; onClose: () => void }) {
  const run = useAction();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const mine = currentSessionId();

  const load = useCallback(async () => {
    if (!account) return;
    setLoading(true);
    try {
      const { items } = await http<SessionList>(`/api/admin/accounts/${account.id}/sessions`);
      setLoaded({ items, error: null });
    } catch (error) {
      setLoaded((previous) => ({ items: previous?.items ?? [], error: (error as Error).message }));
    } finally {
      setLoading(false);
    }
  }, [account]);

  useEffect(() => {
    setLoaded(null);
    void load();
  }, [load]);

  const revoke = async (sessionIds: string[] | 'all') => {
    if (!account) return;
    const url = `/api/admin/accounts/${account.id}/sessions${sessionIds === 'all' ? '' : `/${encodeURIComponent(sessionIds[0])}`}`;
    const endsMine = mine !== null && (sessionIds === 'all' ? (loaded?.items.some((s) => s.id === mine) ?? false) : sessionIds.includes(mine));
    let revoked = 0;
    const done = await run(async () => {
      revoked = (await http<SessionsRevoked>(url, { method: 'DELETE' })).revoked;
    });
    if (!done) return void load();
    if (endsMine) {
      // This browser's session is gone: the login page, not a panel whose every call now fails.
      setSession(null);
      return;
    }
    void message.success(revoked > 0 ? `已下线 ${revoked} 个会话` : '没有需要下线的会话');
    await load();
  };

  const items = loaded?.items ?? [];
  const ownAccount = items.some((s) => s.id === mine);

  return (
    <Drawer
      title={account ? `${account.displayName}（${account.username}）的登录会话` : ''}
      open={account !== null}
      onClose={onClose}
      width={920}
      destroyOnClose
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
            刷新
          </Button>
          <Popconfirm
            title='全部下线'
            description={ownAccount ? '包括你当前的登录：下线后需要重新登录。' : `${account?.displayName ?? ''} 的所有登录都将失效，需要重新登录。`}
            okText='全部下线'
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke('all')}
            disabled={items.length === 0}
            placement='bottomRight'
          >
            <Button danger disabled={items.length === 0} data-testid='revoke-all-sessions'>
              全部下线
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Space direction='vertical' size='middle' style={{ width: '100%' }}>
        <Typography.Text type='secondary'>
          每次登录（运营后台或小程序员工模式）是一个会话。下线后该会话的刷新令牌立即失效，已签发的访问令牌最迟数秒内失效。时间为北京时间。
        </Typography.Text>
        {loaded?.error && (
          <Alert
            type='error'
            showIcon
            message={`会话列表加载失败：${loaded.error}`}
            action={
              <Button size='small' onClick={() => void load()}>
                重试
              </Button>
            }
          />
        )}
        <Table<SessionView>
          rowKey='id'
          size='middle'
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: loaded === null ? '加载中…' : loaded.error ? '未能加载会话' : '暂无有效会话' }}
          columns={[
            {
              title: '设备',
              dataIndex: 'userAgent',
              render: (_, s) => (
                <Space size={6} style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={s.userAgent ?? '未记录 User-Agent'}>
                    <span data-testid='session-device'>{shortUserAgent(s.userAgent)}</span>
                  </Tooltip>
                  {s.id === mine && <Tag color='gold'>当前会话</Tag>}
                </Space>
              ),
            },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (_, s) => s.ip ?? '-' },
            { title: '登录时间', dataIndex: 'createdAt', width: 140, render: (_, s) => dateTime(s.createdAt) },
            { title: '最近活动', dataIndex: 'lastUsedAt', width: 140, render: (_, s) => dateTime(s.lastUsedAt) },
            { title: '到期时间', dataIndex: 'expiresAt', width: 140, render: (_, s) => dateTime(s.expiresAt) },
            {
              title: '操作',
              key: 'action',
              width: 80,
              render: (_, s) => (
                <Popconfirm
                  title='下线此会话'
                  description={s.id === mine ? '这是你当前的登录：下线后需要重新登录。' : '该设备需要重新登录。'}
                  okText='下线'
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke([s.id])}
                  placement='topRight'
                >
                  <Button size='small' danger type='link'>
                    下线
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
