import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { addFavourite, isFavourite, removeFavourite } from '@/services/insight.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

/** The heart in the product page's bottom bar: shows and toggles whether the member has favourited the product. */
export function FavouriteHeart({ productId }: { productId: number }) {
  const loggedIn = useSessionStore((s) => s.status !== 'logged-out');
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loggedIn) return setOn(false);
    let live = true;
    isFavourite(productId).then(
      (r) => live && setOn(r.favourite),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [productId, loggedIn]);

  const toggle = async () => {
    if (busy) return;
    if (!loggedIn) return void Taro.showToast({ title: '登录后可收藏', icon: 'none' });
    setBusy(true);
    const next = !on;
    setOn(next);
    try {
      await (next ? addFavourite(productId) : removeFavourite(productId));
      void Taro.showToast({ title: next ? '已收藏' : '已取消收藏', icon: 'none' });
    } catch {
      setOn(!next); // the request wrapper toasted why
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`fav-heart ${on ? 'fav-heart--on' : ''}`} onClick={() => void toggle()} data-testid='favourite-heart' data-on={on ? 'true' : 'false'}>
      <Text className='fav-heart__icon'>{on ? '♥' : '♡'}</Text>
      <Text className='fav-heart__text'>{on ? '已收藏' : '收藏'}</Text>
    </View>
  );
}
