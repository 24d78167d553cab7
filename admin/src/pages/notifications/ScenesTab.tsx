import { useRef, useState } from 'react';
import { Alert, AutoComplete, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { ProForm, ProFormSwitch, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { NotificationSceneConfigView, UpdateNotificationSceneRequest, WechatTemplateView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { useAction } from '../../components/use-action';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';

const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Whether a WeChat template carries exactly the keys a scene sends (otherwise WeChat refuses every send with 47003). */
function keysMatch(scene: NotificationSceneConfigView, template: WechatTemplateView | undefined): boolean | null {
  if (!template) return null;
  const want = scene.fields.map((f) => f.key).sort();
  const have = [...template.keys].sort();
  return want.length === have.length && want.every((k, i) => k === have[i]);
}

function MatchTag({ scene, templates }: { scene: NotificationSceneConfigView; templates: WechatTemplateView[] | null }) {
  if (!scene.templateId) return <Tag>未配置（不发送）</Tag>;
  if (!templates) return null;
  const template = templates.find((t) => t.templateId === scene.templateId);
  const match = keysMatch(scene, template);
  if (match === null) return <Tag color='error'>微信模板库中没有此 ID</Tag>;
  return match ? <Tag color='success'>{template!.title} · 字段匹配</Tag> : <Tag color='warning'>{template!.title} · 字段不匹配</Tag>;
}

export function ScenesTab() {
  const table = useRef<ActionType>();
  const run = useAction();
  const [templates, setTemplates] = useState<WechatTemplateView[] | null>(null);
  const [templatesError, setTemplatesError] = useState<string | null>(null);
  const [editing, setEditing] = useState<NotificationSceneConfigView | null>(null);

  const save = (scene: string, body: UpdateNotificationSceneRequest) =>
    run(() => http(`/api/admin/notifications/scenes/${scene}`, { method: 'PUT', body }), '已保存').then((ok) => {
      if (ok) void table.current?.reload();
      return ok;
    });

  const load = async () => {
    try {
      setTemplates((await http<{ items: WechatTemplateView[] }>('/api/admin/notifications/wechat-templates')).items);
      setTemplatesError(null);
    } catch (error) {
      setTemplatesError((error as Error).message);
    }
    return allRows(http<{ items: NotificationSceneConfigView[] }>('/api/admin/notifications/scenes'));
  };

  const columns: ProColumns<NotificationSceneConfigView>[] = [
    { title: '场景', dataIndex: 'label', width: 150 },
    {
      title: '模板需要的字段',
      dataIndex: 'fields',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.fields.map((f) => (
            <Tag key={f.key}>
              {f.label} <Typography.Text type='secondary'>{f.key}</Typography.Text>
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '模板 ID',
      dataIndex: 'templateId',
      width: 300,
      render: (_, r) => (
        <Space direction='vertical' size={2}>
          {r.templateId ? (
            <Typography.Text copyable style={{ fontSize: 12 }} data-testid={`template-id-${r.scene}`}>
              {r.templateId}
            </Typography.Text>
          ) : null}
          <MatchTag scene={r} templates={templates} />
        </Space>
      ),
    },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 80,
      render: (_, r) => (
        <Tooltip title={r.templateId ? undefined : '先配置模板 ID'}>
          <Switch
            checked={r.enabled}
            disabled={!r.templateId}
            aria-label={`启用${r.label}`}
            onChange={(enabled) => void save(r.scene, { templateId: r.templateId, enabled })}
          />
        </Tooltip>
      ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (_, r) => dateTime(r.updatedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      render: (_, r) => [
        <a key='edit' onClick={() => setEditing(r)}>
          配置
        </a>,
      ],
    },
  ];

  return (
    <>
      <Alert
        type='info'
        showIcon
        style={{ marginBottom: 12 }}
        message='在微信公众平台「订阅消息 → 我的模板」中添加与场景字段一致的一次性订阅模板，再把模板 ID 填到这里。未配置模板的场景不会发送，并在发送记录中记为「已跳过」。'
      />
      {templatesError ? <Alert type='warning' showIcon style={{ marginBottom: 12 }} message={`无法读取微信模板库：${templatesError}`} /> : null}
      <AdminTable<NotificationSceneConfigView>
        tableKey='notification-scenes'
        rowKey='scene'
        actionRef={table}
        columns={columns}
        request={load}
        pagination={false}
      />
      <EditModal<{ templateId: string; enabled: boolean }>
        title={editing ? `配置模板 · ${editing.label}` : ''}
        open={!!editing}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={{ templateId: editing?.templateId ?? '', enabled: editing?.enabled ?? true }}
        onFinish={async (values) => {
          const ok = await save(editing!.scene, { templateId: values.templateId?.trim() || null, enabled: values.enabled });
          if (ok) setEditing(null);
          return ok;
        }}
      >
        <ProForm.Item
          name='templateId'
          label='模板 ID'
          extra={`需要字段：${editing?.fields.map((f) => `${f.label}(${f.key})`).join('、') ?? ''}。留空表示不发送。`}
          rules={[
            {
              validator: async (_: unknown, value?: string) =>
                !value || TEMPLATE_ID.test(value.trim()) ? undefined : Promise.reject(new Error('模板 ID 只含字母、数字、- 和 _')),
            },
          ]}
        >
          <AutoComplete
            allowClear
            placeholder='从微信模板库选择，或粘贴模板 ID'
            options={(templates ?? []).map((t) => {
              const match = editing ? keysMatch(editing, t) : null;
              return {
                value: t.templateId,
                label: (
                  <Space direction='vertical' size={0}>
                    <span>
                      {t.title} {match ? <Tag color='success'>字段匹配</Tag> : <Tag>字段不同</Tag>}
                    </span>
                    <Typography.Text type='secondary' style={{ fontSize: 12 }}>
                      {t.keys.join(' · ')}
                    </Typography.Text>
                  </Space>
                ),
              };
            })}
          />
        </ProForm.Item>
        <ProFormSwitch name='enabled' label='启用' />
      </EditModal>
    </>
  );
}
