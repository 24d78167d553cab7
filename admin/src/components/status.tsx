import { Badge, type BadgeProps } from 'antd';
import { stateLabel, statesOf, type StateMachine } from '@mall/shared';

/** ProTable's badge colours. */
export type BadgeStatus = 'Success' | 'Error' | 'Processing' | 'Warning' | 'Default';

export type ValueEnum<K extends string> = Record<K, { text: string; status?: BadgeStatus }>;

/**
 * A ProTable valueEnum for a shared state machine: the machine's own labels (never a local copy), in table order,
 * with a badge colour per state. Used for both the status cell and the status filter's options.
 */
export function stateValueEnum<S extends string>(machine: StateMachine<S>, badges: Partial<Record<S, BadgeStatus>> = {}): ValueEnum<S> {
  return Object.fromEntries(statesOf(machine).map((s) => [s, { text: stateLabel(machine, s), status: badges[s] ?? 'Default' }])) as ValueEnum<S>;
}

/** A valueEnum from a plain label map (purposes, roles, kinds from @mall/shared). */
export function labelValueEnum<K extends string>(labels: Record<K, string>, badges: Partial<Record<K, BadgeStatus>> = {}): ValueEnum<K> {
  return Object.fromEntries(Object.entries<string>(labels).map(([key, text]) => [key, { text, status: badges[key as K] }])) as ValueEnum<K>;
}

/** A status badge coloured by a valueEnum, with a text that may differ from the plain label (a paid pickup order is 待自提). */
export function StatusBadge<K extends string>({ values, status, text }: { values: ValueEnum<K>; status: K | string; text?: string }) {
  const entry = (values as Record<string, { text: string; status?: BadgeStatus }>)[status];
  return <Badge status={(entry?.status ?? 'Default').toLowerCase() as BadgeProps['status']} text={text ?? entry?.text ?? status} />;
}

/** An on/off flag (enabled, active, on sale) as a badge. */
export function BoolBadge({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return <Badge status={value ? 'success' : 'default'} text={value ? yes : no} />;
}
