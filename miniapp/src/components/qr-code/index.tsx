import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import './index.scss';

/** Modules of white around the code: the quiet zone the QR standard asks for, so a scanner finds its edges on any background. */
export const QR_QUIET_MODULES = 4;

/**
 * A QR code drawn with views (no canvas), so it looks the same in WeChat and H5. `size` is the whole
 * square including its quiet zone, in design px (750 = the screen's width) like the stylesheets;
 * inline styles are not converted at build time, so every length goes through pxTransform.
 */
export function QrCode({ text, size = 480 }: { text: string; size?: number }) {
  const rows = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    return Array.from({ length: count }, (_, r) => Array.from({ length: count }, (_, c) => qr.isDark(r, c)));
  }, [text]);
  const module = size / (rows.length + 2 * QR_QUIET_MODULES);
  const cell = Taro.pxTransform(module);
  const side = Taro.pxTransform(size);
  const quiet = Taro.pxTransform(module * QR_QUIET_MODULES);
  return (
    <View className='qr-code' style={{ width: side, height: side, padding: quiet }} data-token={text}>
      {rows.map((row, r) => (
        <View key={r} className='qr-code__row' style={{ height: cell }}>
          {row.map((dark, c) => (
            <View key={c} className={dark ? 'qr-code__cell qr-code__cell--dark' : 'qr-code__cell'} style={{ width: cell, height: cell }} />
          ))}
        </View>
      ))}
    </View>
  );
}
