import type { SubscribeValueKind } from './scenes';
import { SUBSCRIBE_VALUE_KINDS } from './scenes';

/**
 * WeChat's rules for a subscribe-message value, per keyword kind (the key without its number).
 * WeChat refuses a send whose value breaks them (errcode 47003); the server fits values before
 * sending and the simulator checks them the way WeChat does.
 */
const DATE = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2})`;
const CLOCK = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
const TIME_POINT = `(${DATE}( ${CLOCK})?|${CLOCK})`;
const HAN = String.raw`\p{Script=Han}`;

const RULES: Record<SubscribeValueKind, { max: number; pattern?: RegExp }> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^-?\d+(\.\d+)?$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5, pattern: /^[^\p{L}\p{N}\s]+$/u },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/ },
  time: { max: 64, pattern: new RegExp(`^${TIME_POINT}(~${TIME_POINT})?$`) },
  date: { max: 64, pattern: new RegExp(`^${DATE}( ${CLOCK})?(~${DATE}( ${CLOCK})?)?$`) },
  amount: { max: 14, pattern: /^([¥$€£]?\d{1,10}(\.\d{1,2})?元?)$/ },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/ },
  car_number: { max: 8, pattern: /^[\p{Script=Han}A-Za-z0-9]+$/u },
  name: { max: 20, pattern: new RegExp(`^(${HAN}{1,10}|[A-Za-z ·.]{1,20})$`, 'u') },
  phrase: { max: 5, pattern: new RegExp(`^${HAN}{1,5}$`, 'u') },
};

/** `thing3` → `thing`; null for a key that is not `<kind><n>`. */
export function subscribeKeyKind(key: string): SubscribeValueKind | null {
  const match = /^([a-z_]+?)(\d+)$/.exec(key);
  const kind = match?.[1] as SubscribeValueKind | undefined;
  return kind && (SUBSCRIBE_VALUE_KINDS as readonly string[]).includes(kind) ? kind : null;
}

/** Why WeChat would refuse this value, or null when it passes. */
export function subscribeValueProblem(key: string, value: unknown): string | null {
  const kind = subscribeKeyKind(key);
  if (!kind) return `data.${key} is not a valid keyword`;
  if (typeof value !== 'string' || value.length === 0) return `data.${key}.value is empty`;
  const rule = RULES[kind];
  if ([...value].length > rule.max) return `data.${key}.value exceeds ${rule.max} characters`;
  if (rule.pattern && !rule.pattern.test(value)) return `data.${key}.value invalid for ${kind}`;
  return null;
}

/**
 * Fits a free-text value to its kind where that can be done without changing its meaning: a
 * `thing` or `name` too long is cut with an ellipsis, whitespace runs collapse. Other kinds are
 * produced already in shape by the caller (amounts, dates, codes) and pass unchanged.
 */
export function fitSubscribeValue(key: string, value: string): string {
  const kind = subscribeKeyKind(key);
  const text = value.replace(/\s+/g, ' ').trim();
  if (kind === 'thing') return cut(text, 20);
  if (kind === 'character_string') return cut(text.replace(/[^\x21-\x7e]/g, ''), 32);
  return text;
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** ¥12.30 — the amount kind (1 currency symbol, up to 10 digits, 2 decimals). */
export function subscribeAmount(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** The keys a template's content names (`支付金额:{{amount3.DATA}}` → amount3), in order. */
export function subscribeTemplateKeys(content: string): string[] {
  return [...content.matchAll(/\{\{([a-z_]+\d+)\.DATA\}\}/g)].map((m) => m[1]);
}
