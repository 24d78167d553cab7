import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Tabs } from 'antd';

export interface PageTab {
  key: string;
  label: string;
  children: ReactNode;
}

/** A page of tabs whose active tab lives in the URL (?tab=…), so a tab can be linked to and survives a reload. */
export function TabbedPage({ title, tabs }: { title: string; tabs: PageTab[] }) {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active = tabs.some((t) => t.key === requested) ? requested! : tabs[0].key;
  return (
    <Card title={title} styles={{ body: { paddingTop: 4 } }}>
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} />
    </Card>
  );
}
