import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Tag, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ProFormSelect, ProFormSwitch, ProFormText, type ActionType } from '@ant-design/pro-components';
import type { AssignTagResult, TagGroupView, TagView } from '@mall/shared';
import { AdminTable } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime } from '../../services/format';
import { assignTag, createTag, createTagGroup, fetchTagGroups, fetchTags, removeTag } from '../../services/insight';

const UNGROUPED = '未分组';

function GroupModal({ onDone }: { onDone: () => void }) {
  const run = useAction();
  return (
    <EditModal<{ name: string }>
      title='新建标签组'
      width={420}
      trigger={<Button icon={<PlusOutlined />}>新建标签组</Button>}
      onFinish={async ({ name }) => {
        const done = await run(() => createTagGroup(name.trim()), '标签组已创建');
        if (done) onDone();
        return done;
      }}
    >
      <ProFormText name='name' label='名称' rules={[{ required: true, whitespace: true, max: 32, message: '请填写 1-32 字的名称' }]} />
    </EditModal>
  );
}

function TagModal({ groups, onDone }: { groups: TagGroupView[]; onDone: () => void }) {
  const run = useAction();
  return (
    <EditModal<{ name: string; groupId?: number; staffAssignable?: boolean }>
      title='新建标签'
      width={460}
      trigger={
        <Button type='primary' icon={<PlusOutlined />} data-testid='create-tag'>
          新建标签
        </Button>
      }
      onFinish={async ({ name, groupId, staffAssignable }) => {
        const done = await run(() => createTag({ name: name.trim(), groupId, staffAssignable: staffAssignable ?? false }), '标签已创建');
        if (done) onDone();
        return done;
      }}
    >
      <ProFormText name='name' label='名称' rules={[{ required: true, whitespace: true, max: 32, message: '请填写 1-32 字的名称' }]} />
      <ProFormSelect name='groupId' label='标签组' placeholder={UNGROUPED} allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} />
      <ProFormSwitch name='staffAssignable' label='导购可设置' tooltip='开启后导购可在员工工作台给自己的会员打上此标签' />
    </EditModal>
  );
}

/** Pasted or uploaded phones / member ids for one manual tag, then what happened to each. */
function AssignModal({ tag, onClose }: { tag: TagView; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const run = useAction();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AssignTagResult | null>(null);
  const submit = async () => {
    if (!text.trim()) return void message.warning('请粘贴或上传手机号 / 会员 ID');
    setBusy(true);
    await run(async () => setResult(await assignTag(tag.id, { csv: text })));
    setBusy(false);
  };
  return (
    <Modal
      open
      title={`批量打标：${tag.name}`}
      width={560}
      maskClosable={false}
      onCancel={() => onClose(result !== null)}
      footer={
        result ? (
          <Button type='primary' onClick={() => onClose(true)}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={() => onClose(false)}>取消</Button>
            <Button type='primary' loading={busy} onClick={() => void submit()} data-testid='assign-submit'>
              打标
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Space direction='vertical' style={{ width: '100%' }} data-testid='assign-result'>
          <Descriptions column={3} bordered size='small'>
            <Descriptions.Item label='新打标'>{result.tagged}</Descriptions.Item>
            <Descriptions.Item label='原已有'>{result.alreadyTagged}</Descriptions.Item>
            <Descriptions.Item label='未找到'>{result.unknown.length}</Descriptions.Item>
          </Descriptions>
          {result.unknown.length > 0 && (
            <Alert
              type='warning'
              showIcon
              message='以下手机号 / 会员 ID 没有对应的会员，已跳过'
              description={<Typography.Paragraph style={{ maxHeight: 160, overflow: 'auto', margin: 0 }}>{result.unknown.join('、')}</Typography.Paragraph>}
            />
          )}
        </Space>
      ) : (
        <Space direction='vertical' style={{ width: '100%' }}>
          <Typography.Text type='secondary'>每行一个手机号或会员 ID（CSV 取第一列，表头行自动跳过），一次最多 20000 个。</Typography.Text>
          <Input.TextArea
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'13800138000\n13900139000\n10086'}
            data-testid='assign-text'
          />
          <Upload
            accept='.csv,.txt'
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then(setText);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>上传 CSV 文件</Button>
          </Upload>
        </Space>
      )}
    </Modal>
  );
}

/** Member ids typed one a line: the tag comes off those members. */
function RemoveModal({ tag, onClose }: { tag: TagView; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const run = useAction();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const ids = [...new Set(text.split(/[\s,，]+/).filter(Boolean))];
    if (ids.length === 0 || ids.some((id) => !/^\d{1,9}$/.test(id))) return void message.warning('请输入会员 ID，每行一个');
    setBusy(true);
    let removed = 0;
    const done = await run(async () => {
      removed = (await removeTag(tag.id, ids.map(Number))).removed;
    });
    setBusy(false);
    if (done) {
      void message.success(`已从 ${removed} 位会员移除`);
      onClose(true);
    }
  };
  return (
    <Modal
      open
      title={`移除标签：${tag.name}`}
      okText='移除'
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
    >
      <Typography.Text type='secondary'>输入要移除此标签的会员 ID，每行一个。</Typography.Text>
      <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} style={{ marginTop: 8 }} />
    </Modal>
  );
}

export default function TagsPage() {
  const table = useRef<ActionType>();
  const groups = useLoad(fetchTagGroups);
  const [assigning, setAssigning] = useState<TagView | null>(null);
  const [removing, setRemoving] = useState<TagView | null>(null);
  const groupList = groups.data ?? [];
  const groupName = (id: number) => groupList.find((g) => g.id === id)?.name ?? UNGROUPED;
  const reload = () => {
    void groups.reload();
    void table.current?.reload();
  };
  const closeWith = (close: () => void) => (changed: boolean) => {
    close();
    if (changed) void table.current?.reload();
  };

  return (
    <Card title='标签管理' extra={<Typography.Text type='secondary'>系统标签随会员数据每晚与实时更新；手动标签可批量导入</Typography.Text>}>
      <AdminTable<TagView, { groupId?: number; kind?: string; name?: string }>
        tableKey='tags'
        actionRef={table}
        headerTitle='标签'
        toolBarRender={() => [<GroupModal key='group' onDone={reload} />, <TagModal key='tag' groups={groupList} onDone={reload} />]}
        request={async (params) => {
          const { items } = await fetchTags();
          const rows = items.filter(
            (t) =>
              (params.groupId === undefined || t.groupId === Number(params.groupId)) &&
              (!params.kind || t.kind === params.kind) &&
              (!params.name || t.name.includes(params.name)),
          );
          return { data: rows, total: rows.length, success: true };
        }}
        columns={[
          { title: '标签', dataIndex: 'name', search: true, render: (_, t) => <Tag color={t.kind === 'system' ? 'blue' : 'gold'}>{t.name}</Tag> },
          {
            title: '标签组',
            dataIndex: 'groupId',
            search: true,
            valueType: 'select',
            fieldProps: { options: [{ value: 0, label: UNGROUPED }, ...groupList.map((g) => ({ value: g.id, label: g.name }))] },
            render: (_, t) => groupName(t.groupId),
          },
          {
            title: '类型',
            dataIndex: 'kind',
            search: true,
            valueType: 'select',
            valueEnum: { system: { text: '系统' }, manual: { text: '手动' } },
          },
          { title: '导购可设置', dataIndex: 'staffAssignable', render: (_, t) => (t.kind === 'manual' ? (t.staffAssignable ? '是' : '否') : '-') },
          { title: '会员数', dataIndex: 'memberCount', align: 'right', sorter: (a, b) => a.memberCount - b.memberCount },
          { title: '创建时间', dataIndex: 'createdAt', render: (_, t) => dateTime(t.createdAt) },
          {
            title: '操作',
            valueType: 'option',
            render: (_, t) =>
              t.kind === 'manual'
                ? [
                    <a key='assign' onClick={() => setAssigning(t)} data-testid={`assign-${t.id}`}>
                      批量打标
                    </a>,
                    <a key='remove' onClick={() => setRemoving(t)}>
                      移除会员
                    </a>,
                  ]
                : [
                    <Typography.Text key='auto' type='secondary'>
                      系统维护
                    </Typography.Text>,
                  ],
          },
        ]}
      />
      {assigning && <AssignModal tag={assigning} onClose={closeWith(() => setAssigning(null))} />}
      {removing && <RemoveModal tag={removing} onClose={closeWith(() => setRemoving(null))} />}
    </Card>
  );
}
