import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageSection } from '@/components/page-frame';
import { QrCode } from '@/components/qr-code';
import { usePageData } from '@/hooks/use-page-data';
import { fetchQr } from '@/services/member.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';
import { AppButton } from '@/components/app-button';

/** Refresh this long before the token expires, so a shown code is always valid when scanned. */
const REFRESH_MARGIN_MS = 15_000;

/** When the shown code is replaced: the margin before it expires (the countdown counts to this, not to the expiry). */
const refreshAt = (expiresAt: string) => new Date(expiresAt).getTime() - REFRESH_MARGIN_MS;
const secondsUntil = (at: number) => Math.max(0, Math.ceil((at - Date.now()) / 1000));

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
    const timer = setTimeout(() => void page.reload(), Math.max(0, refreshAt(qr.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [qr, visible]);

  useEffect(() => {
    const left = () => (qr ? secondsUntil(refreshAt(qr.expiresAt)) : 0);
    setSecondsLeft(left());
    const tick = setInterval(() => setSecondsLeft(left()), 1000);
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
  const usable = qr && !(page.error && Date.now() >= new Date(qr.expiresAt).getTime()) ? qr : undefined;

  return (
    <View className='qr-page'>
      <View className='qr-page__card'>
        <Text className='qr-page__name'>{member?.nickname ?? '会员'}</Text>
        <Text className='qr-page__tip'>到店出示会员码，享会员价与积分</Text>
        <View className='qr-page__code'>
          <PageSection page={{ ...page, data: usable }} skeleton='code'>
            {(code) => <QrCode text={code.token} size={520} />}
          </PageSection>
        </View>
        {usable && (
          <>
            <Text className='qr-page__countdown'>
              {page.loading ? '正在刷新…' : page.error ? '刷新失败，请手动刷新' : `${secondsLeft} 秒后自动刷新`} · 仅限本人使用
            </Text>
            <AppButton kind='ghost' className='qr-page__refresh' disabled={page.loading} onClick={() => void page.reload()}>
              手动刷新
            </AppButton>
          </>
        )}
      </View>
    </View>
  );
}
