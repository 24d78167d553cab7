import { useState } from 'react';
import { Space, Typography } from 'antd';
import { DayRangePicker, type DayRange } from '../../components/DayRangePicker';
import { TabbedPage } from '../../components/TabbedPage';
import { lastDays } from '../../services/format';
import { LiabilitiesTab } from './LiabilitiesTab';
import { LtvTab } from './LtvTab';
import { MembersTab } from './MembersTab';
import { SalesTab } from './SalesTab';
import { SvipTab } from './SvipTab';

/** 数据看板: every figure comes from the daily rollups (never a scan of orders or ledgers per request). */
export default function AnalyticsPage() {
  const [days, setDays] = useState<DayRange>(lastDays(30));
  const range = { from: days[0], to: days[1] };
  return (
    <Space direction='vertical' style={{ width: '100%' }} size={12} data-testid='analytics'>
      <Space>
        <Typography.Text>日期范围：</Typography.Text>
        <DayRangePicker value={days} onChange={setDays} />
        <Typography.Text type='secondary'>北京时间自然日；数据由统计任务每 10 分钟汇总</Typography.Text>
      </Space>
      <TabbedPage
        title='数据看板'
        tabs={[
          { key: 'sales', label: '经营', children: <SalesTab range={range} /> },
          { key: 'members', label: '会员结构', children: <MembersTab /> },
          { key: 'svip', label: '付费会员', children: <SvipTab range={range} /> },
          { key: 'liabilities', label: '储值与积分', children: <LiabilitiesTab range={range} /> },
          { key: 'ltv', label: 'LTV', children: <LtvTab /> },
        ]}
      />
    </Space>
  );
}
