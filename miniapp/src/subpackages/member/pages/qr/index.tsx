import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageSection } from '@/components/page-frame';
import { QrCode } from '@/components/qr-code';
import { usePageData } from '@/hooks/use-page-data';
import { fetchQr } from '@/services/member.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

/** Refresh this long before the token expires, so a shown code is always valid when scanned. */
const REFRESH_MARGIN_MS = 15_000;

const secondsUntil = (iso: string) => Math.max(0, Math.round((new Date(iso).getTime() - Date.now()) / 1000));

export default function MemberQrPage() {
  const member = useSessionStore((s) => s.member);
  const page = usePageData(fetchQr);
  const qr = page.data;
  const [visible, setVisible] = useState(true);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const brightness = useRef<number | null>(null);

  // A fresh code shortly before this one expires, while the page is in view.
  useEffect(() => {
    if (!qr || !visible) return;
    const timer = setTimeout(() => void page.reload(), Math.max(5_000, new Date(qr.expiresAt).getTime() - Date.now() - REFRESH_MARGIN_MS));
    return () => clearTimeout(timer);
  }, [qr, visible]);

  useEffect(() => {
    setSecondsLeft(qr ? secondsUntil(qr.expiresAt) : 0);
    const tick = setInterval(() => setSecondsLeft(qr ? secondsUntil(qr.expiresAt) : 0), 1000);
    return () => clearInterval(tick);
  }, [qr]);

  useDidShow(() => {
    setVisible(true);
    if (process.env.TARO_ENV === 'weapp') {
      Taro.getScreenBrightness({ success: (r) => (brightness.current = r.value) });
      void Taro.setScreenBrightness({ value: 1 });
    }
  });
  useDidHide(() => {
    setVisible(false);
    if (process.env.TARO_ENV === 'weapp' && brightness.current !== null) void Taro.setScreenBrightness({ value: brightness.current });
  });

  // An expired code whose refresh failed must not be shown as if it could be scanned.
  const usable = qr && !(page.error && secondsLeft === 0) ? qr : undefined;

  return (
    <View className='qr-page'>
      <View className='qr-page__card'>
        <Text className='qr-page__name'>{member?.nickname ?? '会员'}</Text>
        <Text className='qr-page__tip'>到店出示会员码，享会员价与积分</Text>
        <View className='qr-page__code'>
          <PageSection page={{ ...page, data: usable }} skeleton='code'>
            {(code) => <QrCode text={code.token} size={480} />}
          </PageSection>
        </View>
        {usable && (
          <>
            <Text className='qr-page__countdown'>{secondsLeft} 秒后自动刷新 · 仅限本人使用</Text>
            <Button className='btn-ghost qr-page__refresh' disabled={page.loading} onClick={() => void page.reload()}>
              手动刷新
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
