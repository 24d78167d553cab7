/**
 * A User-Agent header in a few words (浏览器 · 系统) for the session list; the full string stays in a tooltip.
 * Order matters: WeChat and Edge also say Chrome and Safari, Chrome also says Safari, every browser says Mozilla.
 */
const CLIENTS: [RegExp, string][] = [
  [/miniProgram|miniprogram/, '微信小程序'],
  [/MicroMessenger/, '微信'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/HeadlessChrome\//, 'Headless Chrome'],
  [/(Chrome|CriOS)\//, 'Chrome'],
  [/(Firefox|FxiOS)\//, 'Firefox'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
  [/^node|undici|axios|supertest/i, '程序调用'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function shortUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return '未知设备';
  const client = CLIENTS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!client && !system) return userAgent.length > 24 ? `${userAgent.slice(0, 24)}…` : userAgent;
  return [client ?? '其他客户端', system].filter(Boolean).join(' · ');
}
