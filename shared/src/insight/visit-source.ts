import { parseReferralScene } from '../points/points-rules';
import { parsePosterScene } from '../store/staff-rules';

/** Where a visit to the mini-program came from (behaviour event `source`). */
export const VISIT_SOURCES = ['poster', 'share', 'group', 'campaign', 'scan', 'search', 'direct'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];
export const VISIT_SOURCE_LABELS: Record<VisitSource, string> = {
  poster: '海报',
  share: '分享',
  group: '社群',
  campaign: '活动',
  scan: '扫码',
  search: '搜索',
  direct: '直接访问',
};

/**
 * WeChat launch scene values (https://developers.weixin.qq.com/miniprogram/dev/reference/scene-list.html) by source.
 * A poster carries a mini-program code that is long-pressed or picked from the album; a camera scan is `scan`.
 */
const SCENES: Record<Exclude<VisitSource, 'direct'>, readonly number[]> = {
  poster: [1048, 1049],
  scan: [1011, 1012, 1013, 1025, 1031, 1032, 1047],
  share: [1007, 1036, 1154, 1155],
  group: [1008, 1044, 1096],
  campaign: [1014, 1043, 1045, 1046, 1058, 1067, 1074, 1082, 1084, 1091, 1107],
  search: [1005, 1006, 1027, 1053],
};
const SOURCE_BY_SCENE = new Map<number, VisitSource>(
  (Object.entries(SCENES) as [VisitSource, readonly number[]][]).flatMap(([source, scenes]) => scenes.map((scene) => [scene, source] as const)),
);

/**
 * The source of a visit: an explicit `src` query parameter on the link (our posters, shares and campaign links set it)
 * wins, else the WeChat scene value, else a direct visit. Anything unexpected is a direct visit, never an error.
 */
export function visitSourceOf(scene: unknown, src?: unknown): VisitSource {
  if (typeof src === 'string' && (VISIT_SOURCES as readonly string[]).includes(src)) return src as VisitSource;
  const value = typeof scene === 'string' ? Number(scene) : scene;
  return (typeof value === 'number' && SOURCE_BY_SCENE.get(value)) || 'direct';
}

/**
 * The channel a member joined through (the `sourceChannel` fact), from the scene their first launch carried: a store or
 * guide poster's mini-program code (`s<store>` / `s<store>u<staff>`) is `poster`, a member's invite (`r<member>`) is `share`,
 * one of our own channel names is itself; anything else is `direct`. Null when the first launch carried no scene.
 */
export function registerChannelOf(registerScene: string | null | undefined): VisitSource | null {
  if (!registerScene) return null;
  if (parsePosterScene(registerScene)) return 'poster';
  if (parseReferralScene(registerScene) !== null) return 'share';
  if ((VISIT_SOURCES as readonly string[]).includes(registerScene)) return registerScene as VisitSource;
  return 'direct';
}
