import { Card, Col, Empty, Row } from 'antd';
import { Column, Line } from '@ant-design/charts';
import { useLoad } from '../../components/use-load';
import { fetchLiabilities, type Range } from '../../services/analytics';
import { yuan } from '../../services/format';
import { ExportButton, Kpi, toYuan } from './parts';

/** What the brand owes: stored value (principal, bonus) and points over time, with the day's movements. */
export function LiabilitiesTab({ range }: { range: Range }) {
  const report = useLoad(() => fetchLiabilities(range), [range.from, range.to]);
  const r = report.data;
  const last = r?.days.at(-1);
  const outstanding = (r?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '本金', yuan: toYuan(d.outstandingPrincipalFen) },
    { day: d.day, kind: '赠送金', yuan: toYuan(d.outstandingBonusFen) },
  ]);
  const walletMoves = (r?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '充值', yuan: toYuan(d.rechargedPrincipalFen + d.rechargedBonusFen) },
    { day: d.day, kind: '消费', yuan: toYuan(d.spentPrincipalFen + d.spentBonusFen) },
    { day: d.day, kind: '退回', yuan: toYuan(d.refundedPrincipalFen + d.refundedBonusFen) },
  ]);
  const pointsMoves = (r?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '发放', n: d.pointsIssued },
    { day: d.day, kind: '使用', n: d.pointsRedeemed },
    { day: d.day, kind: '过期', n: d.pointsExpired },
  ]);
  const pointsLine = (r?.days ?? []).map((d) => ({ day: d.day, n: d.pointsOutstanding }));
  const params = { from: range.from, to: range.to };
  return (
    <div data-testid='analytics-liabilities'>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Kpi title='储值本金余额' value={yuan(last?.outstandingPrincipalFen ?? 0)} testId='kpi-principal' />
        </Col>
        <Col span={6}>
          <Kpi title='赠送金余额' value={yuan(last?.outstandingBonusFen ?? 0)} />
        </Col>
        <Col span={6}>
          <Kpi title='积分余额' value={last?.pointsOutstanding ?? 0} testId='kpi-points' />
        </Col>
        <Col span={6}>
          <Kpi title='30 天内将过期积分' value={r?.pointsExpiring30d ?? 0} />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={12}>
          <Card size='small' title='储值余额（元）' loading={report.loading} extra={<ExportButton table='liabilities' params={params} />}>
            {outstanding.length ? (
              <Line data={outstanding} xField='day' yField='yuan' colorField='kind' height={240} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size='small' title='储值充值 · 消费 · 退回（元）' loading={report.loading}>
            {walletMoves.length ? (
              <Column data={walletMoves} xField='day' yField='yuan' colorField='kind' group height={240} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size='small' title='积分余额' loading={report.loading}>
            {pointsLine.length ? <Line data={pointsLine} xField='day' yField='n' height={240} axis={{ x: { labelAutoHide: true } }} /> : <Empty />}
          </Card>
        </Col>
        <Col span={12}>
          <Card size='small' title='积分发放 · 使用 · 过期' loading={report.loading}>
            {pointsMoves.length ? (
              <Column data={pointsMoves} xField='day' yField='n' colorField='kind' group height={240} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
