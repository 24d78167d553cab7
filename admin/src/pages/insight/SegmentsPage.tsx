import { useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Popconfirm, Progress, Row, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ActionType } from '@ant-design/pro-components';
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, RFM_BANDS, RFM_LABELS, type SegmentView } from '@mall/shared';
import { allRows, AdminTable } from '../../components/AdminTable';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime } from '../../services/format';
import { deleteSegment, downloadInsightFile, fetchOverview, fetchSegments } from '../../services/insight';

const LIFECYCLE_COLORS: Record<string, string> = {
  prospect: '#bfbfbf',
  new: '#69b1ff',
  repeat: '#1677ff',
  member: '#C8A063',
  dormant: '#ffa940',
  lost: '#ff7875',
};

/** Horizontal bars: one row per bucket, its share of the total and its count. */
function Distribution({ rows, total, testId }: { rows: { key: string; label: string; value: number; color: string }[]; total: number; testId: string }) {
  if (total === 0) return <Empty description='还没有会员数据，会员画像每晚刷新' image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Space direction='vertical' style={{ width: '100%' }} size={6} data-testid={testId}>
      {rows.map((r) => (
        <div key={r.key} style={{ display: 'flex', alignItems: 'center', gap: 12 }} data-testid={`${testId}-${r.key}`}>
          <Typography.Text style={{ width: 64, flex: 'none' }}>{r.label}</Typography.Text>
          <Progress style={{ flex: 1, margin: 0 }} percent={(r.value / total) * 100} showInfo={false} strokeColor={r.color} />
          <Typography.Text style={{ width: 96, flex: 'none', textAlign: 'right' }}>
            {r.value} 人 <Typography.Text type='secondary'>{Math.round((r.value / total) * 1000) / 10}%</Typography.Text>
          </Typography.Text>
        </div>
      ))}
    </Space>
  );
}

export default function SegmentsPage() {
  const table = useRef<ActionType>();
  const navigate = useNavigate();
  const run = useAction();
  const overview = useLoad(fetchOverview);
  const o = overview.data;

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title='生命周期分布' loading={overview.loading} extra={o && <Typography.Text type='secondary'>共 {o.total} 人</Typography.Text>}>
            {o && (
              <Distribution
                testId='lifecycle-chart'
                total={o.total}
                rows={LIFECYCLE_STAGES.map((s) => ({ key: s, label: LIFECYCLE_LABELS[s], value: o.lifecycle[s], color: LIFECYCLE_COLORS[s] }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title='RFM 分层'
            loading={overview.loading}
            extra={o?.oldestRefreshAt && <Typography.Text type='secondary'>画像最早更新于 {dateTime(o.oldestRefreshAt)}</Typography.Text>}
          >
            {o && (
              <Distribution
                testId='rfm-chart'
                total={o.total}
                rows={RFM_BANDS.map((b) => ({
                  key: b,
                  label: RFM_LABELS[b],
                  value: o.rfm[b],
                  color: b.startsWith('important') ? '#A67C3D' : b === 'none' ? '#bfbfbf' : '#69b1ff',
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title='人群分群'>
        <AdminTable<SegmentView>
          tableKey='segments'
          actionRef={table}
          headerTitle='已保存的分群'
          toolBarRender={() => [
            <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => navigate('/segments/new')} data-testid='new-segment'>
              新建分群
            </Button>,
          ]}
          request={() => allRows(fetchSegments())}
          columns={[
            { title: '名称', dataIndex: 'name', render: (_, s) => <Link to={`/segments/${s.id}`}>{s.name}</Link> },
            { title: '条件', dataIndex: 'description', ellipsis: true },
            { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (_, s) => dateTime(s.updatedAt) },
            {
              title: '操作',
              valueType: 'option',
              width: 200,
              render: (_, s) => [
                <Link key='edit' to={`/segments/${s.id}`}>
                  编辑
                </Link>,
                <a key='export' onClick={() => void run(() => downloadInsightFile(`/api/admin/segments/${s.id}/export.csv`, `${s.name}.csv`))}>
                  导出 CSV
                </a>,
                <Popconfirm
                  key='delete'
                  title='删除这个分群？'
                  okText='删除'
                  okButtonProps={{ danger: true }}
                  onConfirm={async () => {
                    if (await run(() => deleteSegment(s.id), '分群已删除')) void table.current?.reload();
                  }}
                >
                  <a style={{ color: '#ff4d4f' }}>删除</a>
                </Popconfirm>,
              ],
            },
          ]}
        />
      </Card>
    </Space>
  );
}
