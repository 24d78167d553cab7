import type { ComponentProps } from 'react';
import { Button } from '@tarojs/components';

export type ButtonKind = 'primary' | 'ghost';

export type AppButtonProps = Omit<ComponentProps<typeof Button>, 'disabled'> & {
  /** Filled gold (default) or outlined ink. */
  kind?: ButtonKind;
  disabled?: boolean;
};

/**
 * The one button of the app. Its look comes from classes only (`btn-gold` / `btn-ghost`, plus
 * `btn--disabled` when disabled), never from the `disabled` attribute: Taro's H5 button writes
 * disabled="false" on an enabled button, and its own `[disabled]` rules would then grey it out.
 */
export function AppButton({ kind = 'primary', disabled = false, className = '', ...props }: AppButtonProps) {
  const classes = [kind === 'primary' ? 'btn-gold' : 'btn-ghost', disabled ? 'btn--disabled' : '', className].filter(Boolean).join(' ');
  return <Button {...props} className={classes} disabled={disabled || undefined} />;
}
