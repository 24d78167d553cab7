import { Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import type { AdminMemberListItem, HealthResponse, LiabilityReport, Page } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { beijingDays, lastDays, yuan } from '../services/format';
import { http, qs } from '../services/http';
import { getSession } from '../services/session';

export default function DashboardPage() {
  const account = getSession()?.account;
  const health = useLoad(() => http<HealthResponse>('/api/health'));
  const canSeeMoney = account?.role === 'admin' || account?.role === 'finance';
  const liability = useLoad(async () => {
    if (!canSeeMoney) return null;
    return http<LiabilityReport>(`/api/admin/wallet/liability${qs(beijingDays(...lastDays(30)))}`);
  });
  const members = useLoad(() => http<Page<AdminMemberListItem>>('/api/admin/members?page=1&pageSize=1').catch(() => ({ items: [], total: 0 })));

  return (
    <div data-testid='dashboard'>
      <Typography.Title level={3}>你好，{account?.displayName}</Typography.Title>
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
