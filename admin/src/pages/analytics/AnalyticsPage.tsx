import { useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { DayRangePicker, type DayRange } from '../../components/DayRangePicker';
import { TabbedPage } from '../../components/TabbedPage';
import { useStoreOptions } from '../../components/use-stores';
import { lastDays } from '../../services/format';
import { getSession } from '../../services/session';
import { FunnelsTab } from './FunnelsTab';
import { LiabilitiesTab } from './LiabilitiesTab';
import { LtvTab } from './LtvTab';
import { MembersTab } from './MembersTab';
import { SalesTab } from './SalesTab';
import { SvipTab } from './SvipTab';

/** Brand roles pick any store (or all); the server answers a store manager with their own store whatever is asked. */
function StoreFilter({ value, onChange }: { value?: number; onChange: (v?: number) => void }) {
  const stores = useStoreOptions();
  return (
    <Select
      allowClear
      placeholder='全部门店'
      style={{ width: 180 }}
      loading={stores.loading}
      options={stores.options}
      value={value}
      onChange={(v?: number) => onChange(v ?? undefined)}
      data-testid='store-filter'
    />
  );
}

/** 数据看板: every figure comes from the daily rollups (never a scan of orders or ledgers per request). */
export default function AnalyticsPage() {
  const [days, setDays] = useState<DayRange>(lastDays(30));
  const [storeId, setStoreId] = useState<number | undefined>();
  const account = getSession()?.account;
  const storeScoped = account?.role === 'store_manager';
  const range = { from: days[0], to: days[1], storeId: storeScoped ? undefined : storeId };
  const scopedTabs = [
    { key: 'sales', label: '经营', children: <SalesTab range={range} /> },
    { key: 'members', label: '会员结构', children: <MembersTab storeId={range.storeId} /> },
    { key: 'funnels', label: '社群与活动', children: <FunnelsTab range={range} /> },
  ];
  // SVIP fees, stored value / points liabilities and LTV cohorts are brand figures without a store.
  const brandTabs = [
    { key: 'svip', label: '付费会员', children: <SvipTab range={range} /> },
    { key: 'liabilities', label: '储值与积分', children: <LiabilitiesTab range={range} /> },
    { key: 'ltv', label: 'LTV', children: <LtvTab /> },
  ];
  return (
    <Space direction='vertical' style={{ width: '100%' }} size={12} data-testid='analytics'>
      <Space wrap>
        <Typography.Text>日期范围：</Typography.Text>
        <DayRangePicker value={days} onChange={setDays} />
        {storeScoped ? (
          <Tag color='blue' data-testid='store-scope'>
            仅本店数据
          </Tag>
        ) : account?.role === 'admin' || account?.role === 'ops' ? (
          <>
            <Typography.Text>门店：</Typography.Text>
            <StoreFilter value={storeId} onChange={setStoreId} />
            {storeId ? <Typography.Text type='secondary'>付费会员、储值与积分、LTV 为品牌整体数据，不按门店筛选</Typography.Text> : null}
          </>
        ) : null}
        <Typography.Text type='secondary'>北京时间自然日；数据由统计任务每 10 分钟汇总</Typography.Text>
      </Space>
      <TabbedPage title='数据看板' tabs={storeScoped ? scopedTabs : [...scopedTabs.slice(0, 2), ...brandTabs, scopedTabs[2]]} />
    </Space>
  );
}
