import { Card, Col, Empty, Row, Typography } from 'antd';
import { Column, Pie } from '@ant-design/charts';
import { useLoad } from '../../components/use-load';
import { fetchMembers } from '../../services/analytics';
import { ExportButton, Kpi, pct } from './parts';

/** Members by tier and lifecycle stage, and the repurchase rate, from the newest snapshot. */
export function MembersTab({ storeId }: { storeId?: number }) {
  const members = useLoad(() => fetchMembers(storeId), [storeId]);
  const m = members.data;
  return (
    <div data-testid='analytics-members'>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Kpi title='会员总数' value={(m?.byTier ?? []).reduce((n, t) => n + t.members, 0)} testId='kpi-members' />
        </Col>
        <Col span={6}>
          <Kpi title='下单会员' value={m?.buyers ?? 0} />
        </Col>
        <Col span={6}>
          <Kpi title='复购率（≥2 单 / 下单会员）' value={pct(m?.repurchaseRate)} testId='kpi-repurchase' />
        </Col>
        <Col span={6}>
          <Kpi title='有效 SVIP' value={m?.svipActive ?? 0} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Card
            size='small'
            title='会员等级分布'
            loading={members.loading}
            extra={<ExportButton table='members' params={storeId ? { storeId: String(storeId) } : {}} />}
          >
            {m?.byTier.length ? (
              <Pie data={m.byTier} angleField='members' colorField='name' height={280} legend={{ color: { position: 'bottom' } }} />
            ) : (
              <Empty description='暂无快照，统计任务运行后显示' />
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size='small' title='生命周期阶段' loading={members.loading}>
            {m ? <Column data={m.byLifecycle} xField='label' yField='members' height={280} label={{ text: 'members', position: 'top' }} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type='secondary' style={{ marginTop: 8 }}>
        快照日期：{m?.snapshotDay ?? '—'}（统计任务每 10 分钟更新一次）
      </Typography.Paragraph>
    </div>
  );
}
