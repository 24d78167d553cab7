import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AppstoreOutlined,
  BellOutlined,
  CrownOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  GiftOutlined,
  LogoutOutlined,
  ShopOutlined,
  TeamOutlined,
  TransactionOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { ACCOUNT_ROLE_LABELS } from '@mall/shared';
import { logout } from '../services/http';
import { getSession } from '../services/session';
import { WarningBell } from './WarningBell';

const MENU = [
  { key: '/', icon: <DashboardOutlined />, label: <Link to='/'>概览</Link> },
  {
    key: 'analytics',
    icon: <BarChartOutlined />,
    label: '数据分析',
    // Store managers open their own store's dashboard; the permission matrix answers brand roles only.
    roles: ['admin', 'ops', 'finance', 'store_manager'],
    children: [
      { key: '/analytics', label: <Link to='/analytics'>数据看板</Link> },
      { key: '/analytics/deals', label: <Link to='/analytics/deals'>活动效果</Link>, roles: ['admin', 'ops', 'finance'] },
      { key: '/permissions', label: <Link to='/permissions'>权限矩阵</Link>, roles: ['admin', 'ops', 'finance'] },
    ],
  },
  {
    key: 'members',
    icon: <TeamOutlined />,
    label: '会员',
    children: [
      { key: '/members', label: <Link to='/members'>会员列表</Link> },
      { key: '/tags', label: <Link to='/tags'>标签管理</Link> },
      { key: '/segments', label: <Link to='/segments'>人群分群</Link> },
      { key: '/campaigns', label: <Link to='/campaigns'>营销活动</Link> },
      { key: '/deals/flash-sales', label: <Link to='/deals/flash-sales'>限时秒杀</Link> },
      { key: '/koc', label: <Link to='/koc'>推荐官</Link> },
      { key: '/community', label: <Link to='/community'>社群运营</Link> },
      { key: '/deals/group', label: <Link to='/deals/group'>拼团活动</Link> },
    ],
  },
  {
    key: 'tiers',
    icon: <CrownOutlined />,
    label: '等级权益',
    children: [
      { key: '/tiers', label: <Link to='/tiers'>会员等级</Link> },
      { key: '/benefits', label: <Link to='/benefits'>权益配置</Link> },
      { key: '/membership', label: <Link to='/membership'>付费会员 SVIP</Link> },
    ],
  },
  {
    key: 'wallet',
    icon: <WalletOutlined />,
    label: '储值',
    children: [
      { key: '/recharge-plans', label: <Link to='/recharge-plans'>充值方案</Link> },
      { key: '/wallets', label: <Link to='/wallets'>会员钱包</Link> },
      { key: '/withdrawals', label: <Link to='/withdrawals'>提现审核</Link> },
      { key: '/liability', label: <Link to='/liability'>负债报表</Link> },
    ],
  },
  { key: 'payments', icon: <TransactionOutlined />, label: '支付', children: [{ key: '/payments', label: <Link to='/payments'>支付记录 · 退款</Link> }] },
  {
    key: 'org',
    icon: <ShopOutlined />,
    label: '门店与导购',
    children: [
      { key: '/stores', label: <Link to='/stores'>门店</Link> },
      { key: '/accounts', label: <Link to='/accounts'>账号</Link> },
    ],
  },
  { key: 'mall', icon: <AppstoreOutlined />, label: '商城', children: [{ key: '/mall', label: <Link to='/mall'>商品 · 订单 · 售后</Link> }] },
  { key: 'points', icon: <GiftOutlined />, label: '积分', children: [{ key: '/points', label: <Link to='/points'>积分管理</Link> }] },
  { key: '/audit-logs', icon: <AuditOutlined />, label: <Link to='/audit-logs'>操作记录</Link> },
  { key: 'notify', icon: <BellOutlined />, label: '消息通知', children: [{ key: '/notifications', label: <Link to='/notifications'>订阅消息</Link> }] },
];

type MenuEntry = (typeof MENU)[number] & { roles?: string[] };

/**
 * The entries a role may open. An entry without roles is for brand roles; a store manager (who can
 * open only their store's dashboard) sees just the entries that name the role.
 */
function menuFor(role: string | undefined) {
  const allowed = (m: { roles?: string[] }) => (m.roles ? !!role && m.roles.includes(role) : role !== 'store_manager');
  return (MENU as MenuEntry[])
    .filter((m) => allowed(m) || (role === 'store_manager' && m.key === '/'))
    .map(({ roles: _roles, ...item }) =>
      item.children
        ? {
            ...item,
            children: (item.children as { roles?: string[] }[]).filter((c) => !c.roles || (!!role && c.roles.includes(role))).map(({ roles: _r, ...c }) => c),
          }
        : item,
    );
}

export function AdminLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const account = getSession()?.account;
  // A detail page (/members/12, /segments/3) belongs to its list's menu entry (/members, /segments).
  const selected = ['/members', '/segments'].find((list) => location.pathname.startsWith(`${list}/`)) ?? location.pathname;
  const open = MENU.filter((m) => m.children?.some((c) => c.key === selected)).map((m) => m.key);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme='dark' collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} style={{ background: '#1F1F1F' }}>
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#E8C98F',
            fontWeight: 700,
            fontSize: collapsed ? 14 : 18,
            letterSpacing: 2,
          }}
        >
          {collapsed ? '商城' : '会员商城 · 运营'}
        </div>
        <Menu theme='dark' mode='inline' selectedKeys={[selected]} defaultOpenKeys={open} items={menuFor(account?.role)} style={{ background: '#1F1F1F' }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size='middle'>
            {account && ['admin', 'ops'].includes(account.role) && <WarningBell />}
            <Avatar style={{ background: '#A67C3D' }}>{account?.displayName.slice(0, 1)}</Avatar>
            <Typography.Text strong>{account?.displayName}</Typography.Text>
            <Tag color='gold'>{account ? ACCOUNT_ROLE_LABELS[account.role] : ''}</Tag>
            <Button
              icon={<LogoutOutlined />}
              loading={signingOut}
              data-testid='logout'
              onClick={async () => {
                setSigningOut(true);
                await logout();
                navigate('/login', { replace: true });
              }}
            >
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
