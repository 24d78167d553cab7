import { Link, Navigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Statistic, Tag, Typography } from 'antd';
import { Line } from '@ant-design/charts';
import type { AdminMemberListItem, HealthResponse, LiabilityReport, Page } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { beijingDays, lastDays, yuan } from '../services/format';
import { http, qs } from '../services/http';
import { FAILED_REFUNDS_PATH, fetchFailedRefundCount } from '../services/refunds';
import { getSession } from '../services/session';
import { fetchSales } from '../services/analytics';

export default function DashboardPage() {
  // A store manager's overview is their store's dashboard (the brand overview reads brand-only figures).
  if (getSession()?.account.role === 'store_manager') return <Navigate to='/analytics' replace />;
  return <BrandOverview />;
}

function BrandOverview() {
  const account = getSession()?.account;
  const health = useLoad(() => http<HealthResponse>('/api/health'));
  const canSeeMoney = account?.role === 'admin' || account?.role === 'finance';
  const liability = useLoad(async () => {
    if (!canSeeMoney) return null;
    return http<LiabilityReport>(`/api/admin/wallet/liability${qs(beijingDays(...lastDays(30)))}`);
  });
  // Every panel role may see refunds; a failure here only hides the warning (the list page shows its own errors).
  const failedRefunds = useLoad(() => fetchFailedRefundCount().catch(() => 0));
  const canSeeAnalytics = account?.role === 'admin' || account?.role === 'ops' || account?.role === 'finance';
  const sales = useLoad(async () => {
    if (!canSeeAnalytics) return null;
    const [from, to] = lastDays(30);
    return fetchSales({ from, to }).catch(() => null);
  });
  const members = useLoad(() => http<Page<AdminMemberListItem>>('/api/admin/members?page=1&pageSize=1').catch(() => ({ items: [], total: 0 })));

  return (
    <div data-testid='dashboard'>
      <Typography.Title level={3}>你好，{account?.displayName}</Typography.Title>
      {(failedRefunds.data ?? 0) > 0 && (
        <Alert
          type='warning'
          showIcon
          style={{ marginBottom: 16 }}
          data-testid='failed-refunds-alert'
          message={`${failedRefunds.data} 笔退款失败，需要处理`}
          description='微信支付退款异常或被关闭，款项未退到用户账户；金额已退回该支付单的可退余额，请核实后重新退款或线下处理。'
          action={
            <Link to={FAILED_REFUNDS_PATH}>
              <Button type='primary' ghost>
                查看退款失败
              </Button>
            </Link>
          }
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card loading={members.loading}>
            <Statistic title='会员总数' value={members.data?.total ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={liability.loading}>
            <Statistic title='储值负债（本金）' value={canSeeMoney ? yuan(liability.data?.outstanding.principalFen ?? 0) : '—'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={liability.loading}>
            <Statistic title='储值负债（赠送金）' value={canSeeMoney ? yuan(liability.data?.outstanding.bonusFen ?? 0) : '—'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={liability.loading}>
            <Statistic title='近 30 天充值本金' value={canSeeMoney ? yuan(liability.data?.period.rechargedPrincipalFen ?? 0) : '—'} />
          </Card>
        </Col>
      </Row>
      {canSeeAnalytics && (
        <Card
          title='近 30 天 GMV（元）'
          style={{ marginBottom: 16 }}
          loading={sales.loading}
          data-testid='dashboard-gmv'
          extra={<Link to='/analytics'>查看数据看板</Link>}
        >
          {sales.data && sales.data.totals.orders > 0 ? (
            <Line
              data={sales.data.days.map((d) => ({ day: d.day, yuan: d.gmvFen / 100 }))}
              xField='day'
              yField='yuan'
              height={220}
              axis={{ x: { labelAutoHide: true } }}
            />
          ) : (
            <Empty description='近 30 天暂无订单' />
          )}
        </Card>
      )}
      <Card title='系统状态' loading={health.loading}>
        {health.data && (
          <Descriptions column={2}>
            <Descriptions.Item label='服务'>
              <Tag color={health.data.status === 'ok' ? 'green' : 'red'}>{health.data.status === 'ok' ? '正常' : '异常'}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label='数据库'>
              {health.data.databaseType === 'mysql' ? 'MySQL' : '内置 SQLite'}{' '}
              <Tag color={health.data.database === 'up' ? 'green' : 'red'}>{health.data.database === 'up' ? '已连接' : '断开'}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label='微信'>
              {health.data.wechatMode === 'simulator' ? <Tag color='orange'>模拟器</Tag> : <Tag color='green'>正式</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label='运行时长'>{Math.round(health.data.uptimeSeconds / 60)} 分钟</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </div>
  );
}
