import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Input, Popconfirm, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  beijingDate,
  describeSegment,
  LIFECYCLE_LABELS,
  validateSegment,
  type SegmentGroup,
  type SegmentPreviewView,
  type SegmentSampleView,
  type SegmentView,
} from '@mall/shared';
import { MemberLink } from '../../components/MemberLink';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useStoreOptions } from '../../components/use-stores';
import { yuan } from '../../services/format';
import {
  createSegment,
  deleteSegment,
  downloadInsightFile,
  fetchSegments,
  fetchTagGroups,
  fetchTags,
  previewSegment,
  updateSegment,
} from '../../services/insight';
import { GroupEditor, newEventCondition, newFactCondition, newGroup, type BuilderContext } from './SegmentBuilder';

const PREVIEW_DELAY_MS = 400;

type Preview =
  | { state: 'idle' }
  | { state: 'invalid'; message: string }
  | { state: 'loading'; last?: SegmentPreviewView }
  | { state: 'ready'; view: SegmentPreviewView }
  | { state: 'failed'; message: string };

/** Counts and samples the definition while it is edited: debounced, and only the latest answer is shown. */
function useLivePreview(definition: SegmentGroup): Preview {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const latest = useRef(0);
  const key = JSON.stringify(definition);
  useEffect(() => {
    const id = ++latest.current;
    const errors = validateSegment(definition);
    if (errors.length > 0) {
      setPreview({ state: 'invalid', message: errors[0].message });
      return;
    }
    setPreview((p) => ({ state: 'loading', last: p.state === 'ready' ? p.view : p.state === 'loading' ? p.last : undefined }));
    const timer = setTimeout(() => {
      previewSegment(definition).then(
        (view) => id === latest.current && setPreview({ state: 'ready', view }),
        (error: Error) => id === latest.current && setPreview({ state: 'failed', message: error.message }),
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return preview;
}

function PreviewPanel({ preview }: { preview: Preview }) {
  const view = preview.state === 'ready' ? preview.view : preview.state === 'loading' ? preview.last : undefined;
  return (
    <Card title='实时预览' extra={preview.state === 'loading' && <Spin size='small' />} data-testid='segment-preview'>
      {preview.state === 'invalid' && <Alert type='info' showIcon message='条件未填写完整' description={preview.message} style={{ marginBottom: 16 }} />}
      {preview.state === 'failed' && <Alert type='error' showIcon message={preview.message} style={{ marginBottom: 16 }} />}
      <Statistic
        title='符合条件的会员'
        value={view && preview.state !== 'invalid' ? view.count : '—'}
        suffix={view && preview.state !== 'invalid' ? '人' : undefined}
        valueRender={(node) => <span data-testid='segment-count'>{node}</span>}
      />
      <Table<SegmentSampleView>
        style={{ marginTop: 16 }}
        rowKey='memberId'
        size='small'
        pagination={false}
        dataSource={preview.state === 'invalid' ? [] : (view?.sample ?? [])}
        locale={{ emptyText: '没有符合条件的会员' }}
        title={() => <Typography.Text type='secondary'>样本（最新加入的 10 位）</Typography.Text>}
        columns={[
          { title: '会员', dataIndex: 'memberId', render: (id: number) => <MemberLink id={id} /> },
          { title: '阶段', dataIndex: 'lifecycle', width: 64, render: (v: SegmentSampleView['lifecycle']) => LIFECYCLE_LABELS[v] ?? v },
          { title: '订单', dataIndex: 'orderCount', align: 'right' },
          { title: '累计消费', dataIndex: 'spendFen', align: 'right', render: (v: number) => yuan(v) },
          { title: '最近下单', dataIndex: 'lastOrderAt', render: (v: string | null) => (v ? beijingDate(v) : '-') },
        ]}
      />
    </Card>
  );
}

const STARTER: SegmentGroup = newGroup('all', [newFactCondition('province'), newEventCondition()]);

export default function SegmentEditorPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const navigate = useNavigate();
  const run = useAction();
  const tags = useLoad(fetchTags);
  const groups = useLoad(fetchTagGroups);
  const stores = useStoreOptions();
  const saved = useLoad<SegmentView | null>(async () => (id ? ((await fetchSegments()).items.find((s) => s.id === id) ?? null) : null), [id]);
  const [name, setName] = useState('');
  const [definition, setDefinition] = useState<SegmentGroup>(STARTER);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (saved.data) {
      setName(saved.data.name);
      setDefinition(saved.data.definition);
    }
  }, [saved.data]);
  const preview = useLivePreview(definition);
  const ctx: BuilderContext = { tags: tags.data?.items ?? [], groups: groups.data ?? [], stores: stores.options };
  const tagName = (tagId: number) => ctx.tags.find((t) => t.id === tagId)?.name ?? `#${tagId}`;
  const description = useMemo(() => (validateSegment(definition).length === 0 ? describeSegment(definition, tagName) : null), [definition, ctx.tags]);
  const dirty = !saved.data || saved.data.name !== name || JSON.stringify(saved.data.definition) !== JSON.stringify(definition);

  if (id && !saved.loading && !saved.data)
    return (
      <Card>
        <Alert type='error' showIcon message={`分群 #${id} 不存在`} action={<Link to='/segments'>返回列表</Link>} />
      </Card>
    );

  const save = async () => {
    setBusy(true);
    const body = { name: name.trim(), definition };
    const done = await run(async () => {
      if (id) await updateSegment(id, body);
      else {
        const created = await createSegment(body);
        navigate(`/segments/${created.id}`, { replace: true });
      }
    }, '分群已保存');
    setBusy(false);
    if (done && id) void saved.reload();
  };

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='segment-editor'>
      <Card loading={saved.loading}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space>
            <Typography.Text strong>分群名称</Typography.Text>
            <Input
              style={{ width: 280 }}
              maxLength={40}
              placeholder='如：北京近30天收藏用户'
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid='segment-name'
            />
            {id && dirty && <Tag color='orange'>有未保存的修改</Tag>}
          </Space>
          <Space>
            <Link to='/segments'>
              <Button>返回列表</Button>
            </Link>
            {id && (
              <Button
                icon={<DownloadOutlined />}
                disabled={dirty}
                title={dirty ? '请先保存修改' : undefined}
                onClick={() => void run(() => downloadInsightFile(`/api/admin/segments/${id}/export.csv`, `${saved.data?.name ?? 'segment'}.csv`))}
                data-testid='segment-export'
              >
                导出 CSV
              </Button>
            )}
            {id && (
              <Popconfirm
                title='删除这个分群？'
                okText='删除'
                okButtonProps={{ danger: true }}
                onConfirm={async () => {
                  if (await run(() => deleteSegment(id), '分群已删除')) navigate('/segments');
                }}
              >
                <Button danger>删除</Button>
              </Popconfirm>
            )}
            <Button
              type='primary'
              icon={<SaveOutlined />}
              loading={busy}
              disabled={!name.trim() || preview.state === 'invalid'}
              onClick={() => void save()}
              data-testid='segment-save'
            >
              {id ? '保存修改' : '保存分群'}
            </Button>
          </Space>
        </Space>
        <Typography.Paragraph type='secondary' style={{ margin: '12px 0 0' }} data-testid='segment-description'>
          {description ? `条件：${description}` : '条件：（填写完整后显示）'}
        </Typography.Paragraph>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title='条件'>
            <GroupEditor group={definition} onChange={setDefinition} ctx={ctx} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <PreviewPanel preview={preview} />
        </Col>
      </Row>
    </Space>
  );
}
