import {
  NOTIFICATION_SCENES,
  NOTIFICATION_SEND_STATES,
  NOTIFICATION_SKIP_REASONS,
  notificationSceneLabel,
  stateLabel,
  type MemberNoticeView,
  type NotificationScene,
  type NotificationSceneConfigView,
  type NotificationSendView,
  type NotificationSkipReason,
} from '@mall/shared';
import type { NotificationSceneConfig, NotificationSend } from './notification.entity';

export function toSceneConfigView(scene: NotificationScene, config: NotificationSceneConfig | null): NotificationSceneConfigView {
  const def = NOTIFICATION_SCENES[scene];
  return {
    scene,
    label: def.label,
    fields: def.fields.map((f) => ({ key: f.key, label: f.label })),
    templateId: config?.templateId || null,
    enabled: config?.enabled ?? true,
    updatedAt: config?.updatedAt.toISOString() ?? null,
  };
}

export function toSendView(send: NotificationSend): NotificationSendView {
  const reason = send.reason as NotificationSkipReason | '';
  return {
    id: send.id,
    memberId: send.memberId,
    scene: send.scene,
    sceneLabel: notificationSceneLabel(send.scene),
    templateId: send.templateId,
    data: JSON.parse(send.data) as Record<string, string>,
    status: send.status,
    statusText: stateLabel(NOTIFICATION_SEND_STATES, send.status),
    reason,
    reasonText: reason ? (NOTIFICATION_SKIP_REASONS[reason] ?? reason) : '',
    errcode: send.errcode,
    errorMessage: send.errorMessage,
    createdAt: send.createdAt.toISOString(),
  };
}

/** A send as the member's notice: the scene's fields with their labels (a scene no longer defined shows its raw values). */
export function toMemberNoticeView(send: NotificationSend): MemberNoticeView {
  const data = JSON.parse(send.data) as Record<string, string>;
  const fields = NOTIFICATION_SCENES[send.scene as NotificationScene]?.fields ?? Object.keys(data).map((key) => ({ key, label: key }));
  return {
    id: send.id,
    scene: send.scene,
    sceneLabel: notificationSceneLabel(send.scene),
    lines: fields.filter((f) => data[f.key]).map((f) => ({ label: f.label, value: data[f.key] })),
    page: send.page,
    createdAt: send.createdAt.toISOString(),
  };
}
