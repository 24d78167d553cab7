import { useMemo } from 'react';
import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import './index.scss';

/** A QR code drawn with views (no canvas), so it looks the same in WeChat and H5. */
export function QrCode({ text, size = 480 }: { text: string; size?: number }) {
  const rows = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    return Array.from({ length: count }, (_, r) => Array.from({ length: count }, (_, c) => qr.isDark(r, c)));
  }, [text]);
  const cell = size / rows.length;
  return (
    <View className='qr-code' style={{ width: `${size}px`, height: `${size}px` }} data-token={text}>
      {rows.map((row, r) => (
        <View key={r} className='qr-code__row' style={{ height: `${cell}px` }}>
          {row.map((dark, c) => (
            <View key={c} className={dark ? 'qr-code__cell qr-code__cell--dark' : 'qr-code__cell'} style={{ width: `${cell}px`, height: `${cell}px` }} />
          ))}
        </View>
      ))}
    </View>
  );
}
