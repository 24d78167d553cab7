import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { MemberQr } from '@mall/shared';
import { QrCode } from '@/components/qr-code';
import { fetchQr } from '@/services/member.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

/** Refresh this long before the token expires, so a shown code is always valid when scanned. */
const REFRESH_MARGIN_MS = 15_000;

export default function MemberQrPage() {
  const member = useSessionStore((s) => s.member);
  const [qr, setQr] = useState<MemberQr | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const brightness = useRef<number | null>(null);

  const refresh = async () => {
    if (timer.current) clearTimeout(timer.current);
    try {
      await useSessionStore.getState().ready();
      const next = await fetchQr();
      setQr(next);
      setError(null);
      const refreshIn = Math.max(5_000, new Date(next.expiresAt).getTime() - Date.now() - REFRESH_MARGIN_MS);
      timer.current = setTimeout(() => void refresh(), refreshIn);
    } catch (e) {
      setError((e as Error).message || '会员码加载失败');
    }
  };

  useEffect(() => {
    const tick = setInterval(() => setSecondsLeft(qr ? Math.max(0, Math.round((new Date(qr.expiresAt).getTime() - Date.now()) / 1000)) : 0), 1000);
    return () => clearInterval(tick);
  }, [qr]);

  useDidShow(() => {
    void refresh();
    if (process.env.TARO_ENV === 'weapp') {
      Taro.getScreenBrightness({ success: (r) => (brightness.current = r.value) });
      void Taro.setScreenBrightness({ value: 1 });
    }
  });
  useDidHide(() => {
    if (timer.current) clearTimeout(timer.current);
    if (process.env.TARO_ENV === 'weapp' && brightness.current !== null) void Taro.setScreenBrightness({ value: brightness.current });
  });

  return (
    <View className='qr-page'>
      <View className='qr-page__card'>
        <Text className='qr-page__name'>{member?.nickname ?? '会员'}</Text>
        <Text className='qr-page__tip'>到店出示会员码，享会员价与积分</Text>
        <View className='qr-page__code'>
          {qr ? <QrCode text={qr.token} size={440} /> : error ? <Text className='qr-page__error'>{error}</Text> : <View className='qr-page__placeholder' />}
        </View>
        <Text className='qr-page__countdown'>{qr ? `${secondsLeft} 秒后自动刷新 · 仅限本人使用` : '加载中…'}</Text>
        <Button className='btn-ghost qr-page__refresh' onClick={refresh}>
          手动刷新
        </Button>
      </View>
    </View>
  );
}
