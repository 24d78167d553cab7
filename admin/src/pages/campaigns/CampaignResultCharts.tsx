import { Column } from '@ant-design/charts';
import { Card, Col, Empty, Row } from 'antd';
import type { CampaignResultsView } from '@mall/shared';

type ChartRow = { metric: string; group: '目标组' | '对照组'; value: number };

const GROUP_COLORS = ['#1677ff', '#bfbfbf'];

/** Members reached, opened and ordered in each group (the control group is held out, so it is never reached nor opens). */
export function funnelRows(r: CampaignResultsView): ChartRow[] {
  const rows: ChartRow[] = [];
  const add = (metric: string, target: number, control: number) =>
    rows.push({ metric, group: '目标组', value: target }, { metric, group: '对照组', value: control });
  add('人数', r.target.members, r.control.members);
  add('已触达', r.target.reached, 0);
  add('已打开', r.target.opened, 0);
  add('下单人数', r.target.ordered, r.control.ordered);
  return rows;
}

const percent = (x: number) => Math.round(x * 1000) / 10;
const yuanOf = (fen: number) => Math.round(fen) / 100;

function GroupedColumn({ data, unit, height, testId }: { data: ChartRow[]; unit: string; height: number; testId: string }) {
  return (
    <div data-testid={testId} data-values={JSON.stringify(data.map((d) => d.value))}>
      <Column
        data={data}
        xField='metric'
        yField='value'
        colorField='group'
        group
        height={height}
        scale={{ color: { range: GROUP_COLORS } }}
        label={{ text: (d: ChartRow) => `${d.value}${unit}`, position: 'top', style: { fontSize: 11 } }}
        axis={{ y: { labelFormatter: (v: number) => `${v}${unit}` } }}
        legend={{ color: { position: 'top' } }}
        tooltip={{ items: [{ channel: 'y', valueFormatter: (v: number) => `${v}${unit}` }] }}
      />
    </div>
  );
}

/** Target against control as charts: the funnel of members, conversion, and the GMV attributed within the window. */
export function CampaignResultCharts({ results }: { results: CampaignResultsView }) {
  const r = results;
  if (r.target.members + r.control.members === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description='还没有会员收到这个活动，发送后这里显示目标组与对照组的对比' />;
  return (
    <Row gutter={[16, 16]} data-testid='campaign-charts'>
      <Col span={24}>
        <Card size='small' title='触达与下单（人）'>
          <GroupedColumn data={funnelRows(r)} unit='' height={220} testId='chart-funnel' />
        </Card>
      </Col>
      <Col span={12}>
        <Card size='small' title='转化率'>
          <GroupedColumn
            data={[
              { metric: '转化率', group: '目标组', value: percent(r.target.conversion) },
              { metric: '转化率', group: '对照组', value: percent(r.control.conversion) },
            ]}
            unit='%'
            height={200}
            testId='chart-conversion'
          />
        </Card>
      </Col>
      <Col span={12}>
        <Card size='small' title='归因成交额'>
          <GroupedColumn
            data={[
              { metric: '成交额', group: '目标组', value: yuanOf(r.target.gmvFen) },
              { metric: '成交额', group: '对照组', value: yuanOf(r.control.gmvFen) },
            ]}
            unit='元'
            height={200}
            testId='chart-gmv'
          />
        </Card>
      </Col>
    </Row>
  );
}
