/**
 * The express carriers ops can ship with (and members can return with): a maintained list of common
 * Chinese carriers, each with its code (the one logistics APIs such as 快递100/快递鸟 use) and a loose
 * pattern for its tracking numbers. The check catches typos (a phone number, a half-pasted number),
 * it does not pretend to know every format a carrier has ever issued.
 */
export interface Carrier {
  code: string;
  name: string;
  /** Loose shape of a tracking number after normalizeTrackingNo. */
  pattern: RegExp;
}

export const CARRIERS: readonly Carrier[] = [
  { code: 'SF', name: '顺丰速运', pattern: /^(SF)?\d{12,15}$/ },
  { code: 'ZTO', name: '中通快递', pattern: /^\d{12,15}$/ },
  { code: 'YTO', name: '圆通速递', pattern: /^(YT)?\d{10,15}$/ },
  { code: 'STO', name: '申通快递', pattern: /^\d{12,15}$/ },
  { code: 'YD', name: '韵达快递', pattern: /^\d{13,15}$/ },
  { code: 'JD', name: '京东物流', pattern: /^JD[0-9A-Z]{10,16}$/ },
  { code: 'EMS', name: 'EMS', pattern: /^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$/ },
  { code: 'YZPY', name: '邮政快递包裹', pattern: /^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$/ },
  { code: 'JTSDEX', name: '极兔速递', pattern: /^JT\d{10,15}$/ },
  { code: 'DBL', name: '德邦快递', pattern: /^(DPK)?\d{9,15}$/ },
  { code: 'HTKY', name: '百世快递', pattern: /^\d{12,15}$/ },
  { code: 'ZJS', name: '宅急送', pattern: /^(ZJS)?\d{10,15}$/ },
];

export const CARRIER_CODES: readonly string[] = CARRIERS.map((c) => c.code);

export function carrierByCode(code: string): Carrier | undefined {
  return CARRIERS.find((c) => c.code === code);
}

/** The carrier's name, or the code itself for a carrier this build does not know. */
export function carrierName(code: string): string {
  return carrierByCode(code)?.name ?? code;
}

/** What people paste: spaces, dashes and lower case are dropped. */
export function normalizeTrackingNo(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** null when the number fits the carrier, else the Chinese reason. */
export function trackingNoProblem(carrierCode: string, raw: string): string | null {
  const carrier = carrierByCode(carrierCode);
  if (!carrier) return '请选择快递公司';
  const no = normalizeTrackingNo(raw);
  if (!no) return '请填写快递单号';
  if (!/^[0-9A-Z]+$/.test(no)) return '快递单号只能包含字母和数字';
  if (no.length < 8 || no.length > 32 || !carrier.pattern.test(no)) return `这不像${carrier.name}的单号，请核对`;
  return null;
}
