import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ApiError, parseWriteOffCode, yuanLabel, type StaffPerformanceRow } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { staff, useStaffStore } from '@/stores/staff.store';
import { scanWithCamera } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';
import { AppButton } from '@/components/app-button';

const ROLE_LABEL = { staff: '导购', store_manager: '店长' } as Record<string, string>;

const ENTRIES = [
  { title: '今日任务', url: '/subpackages/staff/pages/tasks/index' },
  { title: '我的会员', url: '/subpackages/staff/pages/members/index' },
  { title: '核销记录', url: '/subpackages/staff/pages/write-offs/index' },
  { title: '业绩', url: '/subpackages/staff/pages/performance/index' },
  { title: '我的推广码', url: '/subpackages/staff/pages/poster/index' },
];

/** 员工工作台: staff mode's home. Signs in with wx.login; the first time, with an invitation code. */
export default function StaffHomePage() {
  const { session, link, signOut, setLastScan } = useStaffStore();
  const [invite, setInvite] = useState('');
  const [manual, setManual] = useState('');
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // Signs in with wx.login when there is no staff session yet (null: this WeChat is not linked), then this month's numbers.
  const page = usePageData(async (): Promise<{ mine: Omit<StaffPerformanceRow, 'staffAccountId' | 'staffName'> | null }> => {
    const current = useStaffStore.getState().session ?? (await useStaffStore.getState().signIn());
    if (!current) return { mine: null };
    const report = await staff.performance();
    return { mine: current.account.role === 'store_manager' ? report.totals : (report.rows[0] ?? null) };
  });

  const doLink = async () => {
    setBusy(true);
    try {
      await link(invite.trim().toUpperCase());
      setInvite('');
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
      void page.reload();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '绑定失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const bindMember = async (qrToken: string) => {
    setBusy(true);
    try {
      const result = await staff.scanBind(qrToken.trim());
      setLastScan(result);
      setManual('');
      void Taro.navigateTo({ url: '/subpackages/staff/pages/member/index?from=scan' });
    } catch (e) {
      if (e instanceof ApiError) void Taro.showModal({ title: '绑定失败', content: e.message, showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  const writeOff = async (code: string) => {
    if (!parseWriteOffCode(code)) {
      void Taro.showToast({ title: '无法识别的核销码', icon: 'none' });
      return;
    }
    const { confirm } = await Taro.showModal({ title: '确认核销', content: '核销后不可撤销，确认已为顾客办理？', confirmText: '核销' });
    if (!confirm) return;
    setBusy(true);
    try {
      const done = await staff.writeOff(code.trim());
      setManual('');
      void Taro.showModal({ title: '核销成功', content: `${done.title}\n会员：${done.nickname}`, showCancel: false });
      void page.reload();
    } catch (e) {
      if (e instanceof ApiError) void Taro.showModal({ title: '核销失败', content: e.message, showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出员工模式',
      content: '将结束本机的员工登录，再次进入员工工作台时会重新登录。',
      confirmText: '退出',
    });
    if (!confirm) return;
    setLeaving(true);
    await signOut();
    void Taro.showToast({ title: '已退出员工模式', icon: 'none' });
    void Taro.switchTab({ url: '/pages/mine/index' });
  };

  const scanThen = async (action: (text: string) => Promise<void>) => {
    const text = await scanWithCamera();
    if (text) await action(text);
  };

  const linkForm = (
    <View className='staff-link'>
      <Text className='staff-link__title'>开启员工模式</Text>
      <Text className='staff-link__hint'>输入管理员发给你的 8 位邀请码，绑定当前微信到员工账号</Text>
      <Input className='staff-link__input' maxlength={8} placeholder='邀请码' value={invite} onInput={(e) => setInvite(e.detail.value.toUpperCase())} />
      <AppButton loading={busy} disabled={!/^[A-Za-z2-9]{8}$/.test(invite)} onClick={doLink}>
        绑定员工账号
      </AppButton>
    </View>
  );

  return (
    <PageFrame page={page} className='page staff-home' skeleton='list'>
      {({ mine }) =>
        !session ? (
          // Signing out: the page is on its way back to 我的, not asking for an invitation code.
          leaving ? (
            <View className='staff-home__leaving'>
              <Text className='muted'>已退出员工模式</Text>
            </View>
          ) : (
            linkForm
          )
        ) : (
          <>
            <View className='staff-hero'>
              <Text className='staff-hero__name'>{session.account.displayName}</Text>
              <Text className='staff-hero__meta'>
                {ROLE_LABEL[session.account.role] ?? session.account.role} · {session.store.name}
              </Text>
              <View className='staff-hero__stats'>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{mine?.newBindings ?? '—'}</Text>
                  <Text className='staff-stat__label'>本月新绑定</Text>
                </View>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{mine?.boundMembers ?? '—'}</Text>
                  <Text className='staff-stat__label'>名下会员</Text>
                </View>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{mine ? yuanLabel(mine.gmvFen) : '—'}</Text>
                  <Text className='staff-stat__label'>本月业绩</Text>
                </View>
              </View>
            </View>

            <View className='staff-actions'>
              <View className='staff-action' onClick={() => scanThen(bindMember)}>
                <Text className='staff-action__icon'>📷</Text>
                <Text className='staff-action__title'>扫码绑定</Text>
                <Text className='staff-action__hint'>扫会员码，绑定到我</Text>
              </View>
              <View className='staff-action' onClick={() => scanThen(writeOff)}>
                <Text className='staff-action__icon'>✅</Text>
                <Text className='staff-action__title'>扫码核销</Text>
                <Text className='staff-action__hint'>自提单 · 礼品 · 优惠券</Text>
              </View>
            </View>

            <View className='staff-manual'>
              <Text className='staff-manual__title'>扫不出来？粘贴或输入码内容</Text>
              <Input
                className='staff-manual__input staff-manual__code'
                placeholder='会员码 / 自提码 / 券码'
                value={manual}
                onInput={(e) => setManual(e.detail.value)}
              />
              <View className='staff-manual__buttons'>
                <AppButton className='staff-manual__bind' loading={busy} disabled={!manual.trim()} onClick={() => bindMember(manual)}>
                  绑定会员
                </AppButton>
                <AppButton kind='ghost' className='staff-manual__write-off' disabled={busy || !manual.trim()} onClick={() => writeOff(manual)}>
                  核销
                </AppButton>
              </View>
            </View>

            <View>
              {ENTRIES.map((e) => (
                <View key={e.title} className='staff-entry' onClick={() => Taro.navigateTo({ url: e.url })}>
                  <Text className='staff-entry__title'>{e.title}</Text>
                  <Text className='staff-entry__arrow'>›</Text>
                </View>
              ))}
            </View>
            <AppButton kind='ghost' className='staff-home__sign-out' loading={leaving} disabled={leaving} onClick={leave}>
              退出员工模式
            </AppButton>
          </>
        )
      }
    </PageFrame>
  );
}
