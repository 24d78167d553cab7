import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { formatYuan } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { CommunityInviteCard } from '@/components/community-invite-card';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { DEMO_USERS, currentDevUser, switchDevUser } from '@/services/auth.api';
import { fetchCouponCounts } from '@/services/coupon.api';
import { bindPhone, fetchMe } from '@/services/member.api';
import { fetchOrderCounts } from '@/services/order.api';
import { fetchPoints } from '@/services/points.api';
import { fetchWallet } from '@/services/wallet.api';
import { useSessionStore } from '@/stores/session.store';
import { staffOptedOut, useStaffStore } from '@/stores/staff.store';
import './index.scss';

const ORDERS_URL = '/subpackages/mall/pages/orders/index';

/** The menu list; other entries (个人资料, 我的导购 …) are added here. `mark` is the one-character badge drawn in CSS. */
const MENU = [
  { mark: '我', title: '个人资料', hint: '头像 · 昵称 · 生日', url: '/subpackages/member/pages/profile/index' },
  { mark: '导', title: '我的导购', hint: '专属导购与门店', url: '/subpackages/member/pages/guide/index' },
  { mark: '码', title: '会员码', hint: '到店出示享会员权益', url: '/subpackages/member/pages/qr/index' },
  { mark: 'V', title: 'SVIP 付费会员', hint: '开通 · 续费 · 省钱账单', url: '/subpackages/member/pages/svip/index' },
  { mark: '荐', title: '推荐官中心', hint: '推荐好友 · 奖励 · 排行榜', url: '/subpackages/koc/pages/centre/index' },
  { mark: '信', title: '消息通知', hint: '拼团结果 · 活动提醒', url: '/subpackages/member/pages/notices/index' },
  { mark: '群', title: '我的社群', hint: '专属社群邀请', url: '/subpackages/community/pages/groups/index' },
  { mark: '藏', title: '我的收藏', hint: '收藏的好物', url: '/subpackages/mall/pages/favourites/index' },
  { mark: '址', title: '收货地址', hint: '管理地址', url: '/subpackages/mall/pages/addresses/index' },
  { mark: '车', title: '购物车', hint: '', url: '/subpackages/mall/pages/cart/index' },
];

const go = (url: string) => void Taro.navigateTo({ url });

let staffProbed = false;
/** Once per launch: a WeChat linked to a staff account gets its staff session (and with it the 员工工作台 entry); others get STAFF_NOT_LINKED. */
function probeStaff(): void {
  if (staffProbed || useStaffStore.getState().session || staffOptedOut()) return;
  staffProbed = true;
  void useStaffStore
    .getState()
    .signIn()
    .catch(() => undefined);
}

export default function MinePage() {
  const { member, status, setMember, login, logout } = useSessionStore();
  const staffSession = useStaffStore((s) => s.session);
  const loggedOut = status === 'logged-out';
  const page = usePageData(
    async () => {
      if (useSessionStore.getState().status === 'logged-out') return null;
      const [me, wallet, points, coupons, orders] = await Promise.all([fetchMe(), fetchWallet(), fetchPoints(), fetchCouponCounts(), fetchOrderCounts()]);
      setMember(me);
      probeStaff();
      return { me, balanceFen: wallet.total, points: points.balance, coupons: coupons.available, orders };
    },
    { deps: [loggedOut] },
  );
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

  const confirmLogout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后需重新登录才能查看订单与资产', confirmText: '退出' });
    if (confirm) await logout();
  };

  if (loggedOut) {
    return (
      <View className='page mine-page'>
        <View className='mine-page__header'>
          <View className='mine-page__avatar mine-page__avatar--guest'>会</View>
          <View className='mine-page__who'>
            <Text className='mine-page__nickname'>未登录</Text>
            <Text className='mine-page__phone'>登录后查看会员权益、订单与资产</Text>
          </View>
        </View>
        <AppButton className='mine-page__login' onClick={() => void login().catch(() => undefined)}>
          微信一键登录
        </AppButton>
        <DemoUserPicker />
      </View>
    );
  }

  return (
    <PageFrame page={{ ...page, data: page.data ?? undefined, setData: () => undefined }} className='page mine-page'>
      {({ balanceFen, points, coupons, orders }) => {
        const me = member ?? page.data!.me;
        return (
          <>
            <View className='mine-page__header'>
              <View className='mine-page__avatar'>{me.nickname.slice(0, 1)}</View>
              <View className='mine-page__who'>
                <Text className='mine-page__nickname'>{me.nickname}</Text>
                <Text className='mine-page__phone'>{me.phoneMasked ?? '未绑定手机号'}</Text>
              </View>
            </View>

            <View className='mine-assets'>
              <View className='mine-assets__item' onClick={() => go('/subpackages/wallet/pages/wallet/index')}>
                <Text className='mine-assets__value'>{formatYuan(balanceFen)}</Text>
                <Text className='mine-assets__label'>余额（元）</Text>
              </View>
              <View className='mine-assets__item' onClick={() => go('/subpackages/points/pages/points/index')}>
                <Text className='mine-assets__value'>{points}</Text>
                <Text className='mine-assets__label'>积分</Text>
              </View>
              <View className='mine-assets__item' onClick={() => go('/subpackages/mall/pages/coupons/index')}>
                <Text className='mine-assets__value'>{coupons}</Text>
                <Text className='mine-assets__label'>优惠券</Text>
              </View>
            </View>

            <CommunityInviteCard />

            <View className='mine-orders'>
              <View className='mine-orders__head' onClick={() => go(ORDERS_URL)}>
                <Text className='mine-orders__title'>我的订单</Text>
                <Text className='mine-orders__all'>全部订单 ›</Text>
              </View>
              <View className='mine-orders__row'>
                {[
                  { label: '待付款', count: orders.pendingPayment, status: 'pending_payment' },
                  { label: '待发货', count: orders.toShip, status: 'paid' },
                  { label: '待收货', count: orders.toReceive, status: 'shipped' },
                  { label: '售后', count: orders.afterSales, status: 'refunded' },
                ].map((s) => (
                  <View key={s.label} className='mine-orders__item' onClick={() => go(`${ORDERS_URL}?status=${s.status}`)}>
                    <Text className='mine-orders__count'>{s.count}</Text>
                    <Text className='mine-orders__label'>{s.label}</Text>
                  </View>
                ))}
              </View>
            </View>

            {!me.hasPhone && (
              <View className='mine-page__bind'>
                <Text className='mine-page__bind-title'>绑定手机号，领取会员权益</Text>
                {process.env.TARO_ENV === 'weapp' ? (
                  <AppButton openType='getPhoneNumber' loading={binding} onGetPhoneNumber={(e) => e.detail.code && bind(e.detail.code)}>
                    微信手机号快捷绑定
                  </AppButton>
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
                    <AppButton
                      className='mine-page__bind-btn'
                      loading={binding}
                      disabled={!/^1\d{10}$/.test(phoneInput)}
                      onClick={() => bind(`${phoneInput}:${Date.now().toString(36)}`)}
                    >
                      绑定
                    </AppButton>
                  </View>
                )}
              </View>
            )}

            <View className='mine-menu'>
              {MENU.map((entry) => (
                <MenuRow key={entry.title} {...entry} />
              ))}
              {/* A WeChat linked to a staff account sees the workbench (also after leaving staff mode here, to come back). */}
              {(staffSession || staffOptedOut()) && <MenuRow mark='工' title='员工工作台' hint='门店员工专用' url='/subpackages/staff/pages/index/index' />}
            </View>

            <DemoUserPicker />
            <AppButton kind='ghost' className='mine-page__logout' onClick={() => void confirmLogout()}>
              退出登录
            </AppButton>
          </>
        );
      }}
    </PageFrame>
  );
}

function MenuRow({ mark, title, hint, url }: { mark: string; title: string; hint: string; url: string }) {
  return (
    <View className='mine-entry' onClick={() => go(url)}>
      <Text className='mine-entry__mark'>{mark}</Text>
      <Text className='mine-entry__title'>{title}</Text>
      <Text className='mine-entry__hint'>{hint}</Text>
      <Text className='mine-entry__arrow'>›</Text>
    </View>
  );
}

/** H5 runs on the WeChat simulator: switch between the demo's users (two members and a linked staff WeChat). */
function DemoUserPicker() {
  if (process.env.TARO_ENV !== 'h5') return null;
  const current = currentDevUser();
  return (
    <View className='mine-demo'>
      <Text className='mine-demo__title'>演示用户（模拟器）</Text>
      <View className='mine-demo__row'>
        {DEMO_USERS.map((u) => (
          <Text key={u.user} className={`mine-demo__chip ${u.user === current ? 'mine-demo__chip--on' : ''}`} onClick={() => void switchDevUser(u.user)}>
            {u.label}
          </Text>
        ))}
      </View>
    </View>
  );
}
