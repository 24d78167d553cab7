import { Card, Col, Empty, Row } from 'antd';
import { Column, Funnel } from '@ant-design/charts';
import { FUNNEL_STAGE_LABELS, FUNNEL_STAGES } from '@mall/shared';
import { useLoad } from '../../components/use-load';
import { fetchFunnels, rangeParams, type Range } from '../../services/analytics';
import { ExportButton, Kpi, pct } from './parts';

/** Community invitation funnel and flash-sale / group-buy figures (summary; per-deal reports live under 营销). */
export function FunnelsTab({ range }: { range: Range }) {
  const report = useLoad(() => fetchFunnels(range), [range.from, range.to, range.storeId]);
  const r = report.data;
  const t = r?.totals;
  const funnel = t ? FUNNEL_STAGES.map((stage) => ({ stage: FUNNEL_STAGE_LABELS[stage], count: t[stage] })) : [];
  const deals = (r?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '秒杀预占', n: d.flashReserved },
    { day: d.day, kind: '秒杀售出', n: d.flashSold },
    { day: d.day, kind: '拼团开团', n: d.groupOpened },
    { day: d.day, kind: '拼团成团', n: d.groupCompleted },
  ]);
  const sellThrough = r?.flashSellThrough;
  return (
    <div data-testid='analytics-funnels'>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}>
          <Kpi title='秒杀预占' value={t?.flashReserved ?? 0} testId='kpi-flash-reserved' />
        </Col>
        <Col span={4}>
          <Kpi title='秒杀售出（单）' value={t?.flashSold ?? 0} testId='kpi-flash-sold' />
        </Col>
        <Col span={4}>
          <Kpi
            title={sellThrough ? `售罄率（${sellThrough.sold}/${sellThrough.stockTotal} 件）` : '售罄率'}
            value={sellThrough ? pct(sellThrough.rate) : '仅品牌视图'}
            testId='kpi-sell-through'
          />
        </Col>
        <Col span={4}>
          <Kpi title='拼团开团' value={t?.groupOpened ?? 0} testId='kpi-group-opened' />
        </Col>
        <Col span={4}>
          <Kpi title='拼团成团 / 失败' value={`${t?.groupCompleted ?? 0} / ${t?.groupFailed ?? 0}`} testId='kpi-group-result' />
        </Col>
        <Col span={4}>
          <Kpi title='成团率' value={pct(r?.groupSuccessRate)} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Card
            size='small'
            title='社群邀请漏斗（按各环节发生日统计）'
            loading={report.loading}
            extra={<ExportButton table='funnels' params={rangeParams(range)} />}
          >
            {t && t.eligible > 0 ? <Funnel data={funnel} xField='stage' yField='count' height={280} /> : <Empty description='所选日期内暂无邀请' />}
          </Card>
        </Col>
        <Col span={14}>
          <Card size='small' title='每日秒杀与拼团' loading={report.loading}>
            {deals.some((d) => d.n > 0) ? (
              <Column data={deals} xField='day' yField='n' colorField='kind' group height={280} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty description='所选日期内暂无活动数据' />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
