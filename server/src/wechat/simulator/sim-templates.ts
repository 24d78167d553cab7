import { createHash } from 'node:crypto';
import { NOTIFICATION_SCENES, NOTIFICATION_SCENE_KEYS } from '@mall/shared';

/** A subscribe-message template in the simulated mini-program account ("我的模板"). */
export interface SimTemplate {
  priTmplId: string;
  title: string;
  /** WeChat's content: one `名称:{{key.DATA}}` line per keyword. */
  content: string;
  example: string;
  type: 2 | 3;
}

/** Shaped like a real template id (43 URL-safe characters), stable across restarts. */
export function simTemplateId(name: string): string {
  return createHash('sha256').update(`sim-template:${name}`).digest('base64url').slice(0, 43);
}

/**
 * The templates the simulated account has added: one per scene with exactly the scene's keys, so
 * the demo works once ops pick them, plus one whose keys match no scene (picking it for a scene
 * makes every send fail with 47003, as it would in WeChat).
 */
export const SIM_TEMPLATES: readonly SimTemplate[] = [
  ...NOTIFICATION_SCENE_KEYS.map((scene) => {
    const def = NOTIFICATION_SCENES[scene];
    return {
      priTmplId: simTemplateId(scene),
      title: def.label,
      content: def.fields.map((f) => `${f.label}:{{${f.key}.DATA}}`).join('\n'),
      example: def.fields.map((f) => `${f.label}:…`).join('\n'),
      type: 2 as const,
    };
  }),
  { priTmplId: simTemplateId('generic-notice'), title: '服务通知', content: '通知内容:{{thing1.DATA}}\n通知时间:{{time2.DATA}}', example: '', type: 2 },
];
