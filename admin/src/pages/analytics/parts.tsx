import { useState } from 'react';
import { App, Button, Card, Statistic } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadAnalytics } from '../../services/analytics';

/** A card's CSV button: the server streams the same table the card shows. */
export function ExportButton({ table, params, testId }: { table: string; params: Record<string, string>; testId?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size='small'
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId ?? `export-${table}`}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadAnalytics({ table, ...params }, `${table}-${params.to ?? params.toMonth ?? 'now'}.csv`);
        } catch (error) {
          void message.error((error as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      导出 CSV
    </Button>
  );
}

export function Kpi({ title, value, suffix, testId }: { title: string; value: string | number; suffix?: string; testId?: string }) {
  return (
    <Card size='small' data-testid={testId}>
      <Statistic title={title} value={value} suffix={suffix} />
    </Card>
  );
}

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
/** Fen as yuan numbers for chart axes (charts need numbers, not formatted text). */
export const toYuan = (fen: number) => Math.round(fen) / 100;
