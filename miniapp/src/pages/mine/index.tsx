import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { bindPhone, fetchMe } from '@/services/member.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

const ENTRIES = [
  { icon: '👤', title: '个人资料', hint: '头像 · 昵称 · 生日', url: '/subpackages/member/pages/profile/index' },
  { icon: '🤝', title: '我的导购', hint: '专属导购与门店', url: '/subpackages/member/pages/guide/index' },
  { icon: '💳', title: '我的钱包', hint: '储值余额与充值', url: '/subpackages/wallet/pages/wallet/index' },
  { icon: '👑', title: 'SVIP 付费会员', hint: '开通 · 续费 · 省钱账单', url: '/subpackages/member/pages/svip/index' },
  { icon: '▦', title: '会员码', hint: '到店出示享会员权益', url: '/subpackages/member/pages/qr/index' },
  { icon: '📦', title: '我的订单', hint: '查看物流与售后', url: '/subpackages/mall/pages/orders/index' },
  { icon: '✨', title: '我的积分', hint: '签到 · 积分商城', url: '/subpackages/points/pages/points/index' },
  { icon: '🎟️', title: '优惠券', hint: '领券中心', url: '/subpackages/mall/pages/coupons/index' },
  { icon: '📍', title: '收货地址', hint: '管理地址', url: '/subpackages/mall/pages/addresses/index' },
  { icon: '🛒', title: '购物车', hint: '', url: '/subpackages/mall/pages/cart/index' },
  { icon: '🏬', title: '员工工作台', hint: '门店员工专用', url: '/subpackages/staff/pages/index/index' },
];

export default function MinePage() {
  const { member, setMember } = useSessionStore();
  // Refreshes the profile into the session each time the tab is shown; the page shows the session's copy.
  const page = usePageData(async () => {
    const fresh = await fetchMe();
    setMember(fresh);
    return fresh;
  });
  const [phoneInput, setPhoneInput] = useState('');
  const [binding, setBinding] = useState(false);

  const bind = async (code: string) => {
    setBinding(true);
    try {
      setMember(await bindPhone(code));
      void Taro.showToast({ title: '手机号已绑定', icon: 'success' });
    } catch {
      // the request wrapper toasted the reason
    } finally {
      setBinding(false);
    }
  };

  return (
    <PageFrame page={{ ...page, data: member ?? undefined }} className='page mine-page'>
      {(me) => (
        <>
          <View className='mine-page__header'>
            <View className='mine-page__avatar'>{me.nickname.slice(0, 1)}</View>
            <View className='mine-page__who'>
              <Text className='mine-page__nickname'>{me.nickname}</Text>
              <Text className='mine-page__phone'>{me.phoneMasked ?? '未绑定手机号'}</Text>
            </View>
          </View>

          {!me.hasPhone && (
            <View className='mine-page__bind'>
              <Text className='mine-page__bind-title'>绑定手机号，领取会员权益</Text>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='btn-gold' openType='getPhoneNumber' loading={binding} onGetPhoneNumber={(e) => e.detail.code && bind(e.detail.code)}>
                  微信手机号快捷绑定
                </Button>
              ) : (
                <View className='mine-page__bind-row'>
                  <Input
                    className='mine-page__bind-input'
                    type='number'
                    maxlength={11}
                    placeholder='输入手机号（H5 模拟）'
                    value={phoneInput}
                    onInput={(e) => setPhoneInput(e.detail.value)}
                  />
                  <Button
                    className='btn-gold mine-page__bind-btn'
                    loading={binding}
                    disabled={!/^1\d{10}$/.test(phoneInput)}
                    onClick={() => bind(`${phoneInput}:${Date.now().toString(36)}`)}
                  >
                    绑定
                  </Button>
                </View>
              )}
            </View>
          )}

          <View className='mine-page__entries'>
            {ENTRIES.map((entry) => (
              <View
                key={entry.title}
                className={`mine-entry ${entry.url ? '' : 'mine-entry--disabled'}`}
                onClick={() => entry.url && Taro.navigateTo({ url: entry.url })}
              >
                <Text className='mine-entry__icon'>{entry.icon}</Text>
                <Text className='mine-entry__title'>{entry.title}</Text>
                <Text className='mine-entry__hint'>{entry.hint}</Text>
                <Text className='mine-entry__arrow'>›</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageFrame>
  );
}
