import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { PointsLiabilityReport } from '@mall/shared';
import { useLoad } from '../../components/use-load';
import { yuan } from '../../services/format';
import { http } from '../../services/http';

export function LiabilityTab() {
  const { data, loading } = useLoad(() => http<PointsLiabilityReport>('/api/admin/points/liability'));
  return (
    <>
      <Row gutter={16}>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='未使用积分' value={data?.outstandingPoints ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='折合负债' value={yuan(data?.outstandingValueFen ?? 0)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='30 天内过期' value={data?.expiringIn30Days ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='90 天内过期' value={data?.expiringIn90Days ?? 0} />
          </Card>
        </Col>
      </Row>
      {data && (
        <Typography.Paragraph type='secondary' style={{ marginTop: 16 }}>
          按当前抵扣比例 {data.pointsPerYuan} 积分 = ¥1 折算。
        </Typography.Paragraph>
      )}
    </>
  );
}
