import type { NotificationScene, NotificationSkipReason, SubscribeResult } from '../notification/scenes';
import type { NotificationSendStatus } from '../state/notification';

/** GET /api/notifications/templates?scenes=a,b — the template ids the mini-program asks consent for. */
export interface MemberNotificationTemplates {
  items: { scene: NotificationScene; templateId: string }[];
}

/** POST /api/notifications/consents — wx.requestSubscribeMessage's answer, template id → result. */
export interface SubscribeConsentRequest {
  results: Record<string, SubscribeResult>;
}

export interface SubscribeConsentResult {
  /** Template ids whose consent was counted (accepted and configured). */
  accepted: string[];
}

/** GET /api/admin/notifications/scenes rows: one per scene, with its configuration. */
export interface NotificationSceneConfigView {
  scene: NotificationScene;
  label: string;
  fields: { key: string; label: string }[];
  templateId: string | null;
  enabled: boolean;
  updatedAt: string | null;
}

/** PUT /api/admin/notifications/scenes/:scene */
export interface UpdateNotificationSceneRequest {
  /** null or '' removes the template (the scene's sends are then skipped). */
  templateId: string | null;
  enabled: boolean;
}

/** GET /api/admin/notifications/wechat-templates — the account's templates as WeChat lists them (gettemplate). */
export interface WechatTemplateView {
  templateId: string;
  title: string;
  keys: string[];
  /** 2 one-time, 3 long-term. */
  type: number;
}

/** GET /api/admin/notifications/sends rows (paged, filter by scene and status). */
export interface NotificationSendView {
  id: number;
  memberId: number;
  scene: string;
  sceneLabel: string;
  templateId: string;
  data: Record<string, string>;
  status: NotificationSendStatus;
  statusText: string;
  reason: NotificationSkipReason | '';
  reasonText: string;
  errcode: number | null;
  errorMessage: string;
  createdAt: string;
}

/** GET /api/notifications/notices — the member's own 消息通知: every message the mall had for them, delivered by WeChat or not. */
export interface MemberNoticeView {
  id: number;
  scene: string;
  sceneLabel: string;
  /** The template's fields with their labels, in order. */
  lines: { label: string; value: string }[];
  /** The mini-program page the message opens (with its query). */
  page: string;
  createdAt: string;
}
