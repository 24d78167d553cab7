import { InputNumber, type InputNumberProps } from 'antd';
import type { Fen } from '@mall/shared';
import { hundredthsText, parseHundredths } from '../services/format';

export interface YuanInputProps extends Omit<InputNumberProps<string>, 'value' | 'onChange' | 'min' | 'max' | 'stringMode' | 'precision'> {
  /** The amount in fen: forms hold fen, the operator types yuan. */
  value?: Fen | null;
  onChange?: (fen: Fen | null) => void;
  /** Lowest amount in fen (default 0); null allows negative amounts (adjustments). */
  min?: Fen | null;
  max?: Fen;
}

/** A yuan input whose form value is integer fen, read by digits (parseYuan), never by multiplying a float. */
export function YuanInput({ value, onChange, min = 0, max, style, ...rest }: YuanInputProps) {
  return (
    <InputNumber<string>
      stringMode
      precision={2}
      prefix='¥'
      min={min === null ? undefined : hundredthsText(min)}
      max={max === undefined ? undefined : hundredthsText(max)}
      value={value === null || value === undefined ? null : hundredthsText(value)}
      onChange={(text) => onChange?.(parseHundredths(text))}
      style={{ width: 160, ...style }}
      {...rest}
    />
  );
}

export interface PercentBpsInputProps extends Omit<InputNumberProps<string>, 'value' | 'onChange' | 'min' | 'max' | 'stringMode' | 'precision'> {
  /** Basis points: 250 = 2.5%. */
  value?: number | null;
  onChange?: (bps: number | null) => void;
  maxBps?: number;
}

/** A percentage typed by the operator (2.5) held as integer basis points (250), read by digits like money. */
export function PercentBpsInput({ value, onChange, maxBps, style, ...rest }: PercentBpsInputProps) {
  return (
    <InputNumber<string>
      stringMode
      precision={2}
      suffix='%'
      min='0'
      max={maxBps === undefined ? undefined : hundredthsText(maxBps)}
      value={value === null || value === undefined ? null : hundredthsText(value)}
      onChange={(text) => onChange?.(parseHundredths(text))}
      style={{ width: 140, ...style }}
      {...rest}
    />
  );
}
