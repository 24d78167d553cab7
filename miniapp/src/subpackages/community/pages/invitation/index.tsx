import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { beijingMinute } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { PageFrame } from '@/components/page-frame';
import { imageSrc } from '@/components/product-image';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { claimGroupPerk, confirmJoined, fetchGroupCode, fetchInvitedGroup, type GroupCodeAnswer } from '@/services/community.api';
import { requestConsent } from '@/services/subscribe';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** "2 天 5 小时" / "3 小时 12 分" until `iso`, refreshed every minute. */
function useCountdown(iso: string | null): string | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [iso]);
  if (!iso) return null;
  const left = new Date(iso).getTime() - now;
  if (left <= 0) return '已过期';
  const minutes = Math.floor(left / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${minutes % 60} 分`;
}

async function saveToAlbum(url: string): Promise<void> {
  if (IS_H5) {
    void Taro.showToast({ title: '浏览器中请截图保存', icon: 'none' });
    return;
  }
  try {
    const file = await Taro.downloadFile({ url });
    await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath });
    void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  } catch {
    void Taro.showToast({ title: '保存失败，请长按图片保存', icon: 'none' });
  }
}

export default function InvitationPage() {
  const groupId = Number(useRouter().params.groupId);
  const page = usePageData(() => fetchInvitedGroup(groupId), { deps: [groupId] });
  const [code, setCode] = useState<GroupCodeAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const groupEnds = useCountdown(page.data?.group.type === 'flash' ? page.data.group.endsAt : null);
  const codeEnds = useCountdown(code && code.code.kind === 'image' ? code.code.expiresAt : null);
  const invitation = code?.invitation ?? page.data?.invitation;

  const showCode = async () => {
    await requestConsent(['campaign_notice']);
    setBusy(true);
    try {
      setCode(await fetchGroupCode(groupId));
    } catch {
      // the request wrapper toasted why (group full, codes used up)
    } finally {
      setBusy(false);
    }
  };
  // Someone who already took a code sees it again at once (the same slot, no new one is used).
  useEffect(() => {
    if (page.data?.invitation.codeShownAt && !code) void showCode();
  }, [page.data?.invitation.codeShownAt]);

  const joined = async () => {
    try {
      await confirmJoined(groupId);
      void Taro.showToast({ title: '欢迎入群', icon: 'success' });
      await page.reload();
      if (code) setCode({ ...code, invitation: { ...code.invitation, joinedAt: new Date().toISOString() } });
    } catch {
      // toasted
    }
  };

  const perk = async () => {
    try {
      const res = await claimGroupPerk(groupId);
      void Taro.showToast({ title: res.claimed ? '福利已放入卡包' : '已经领过了', icon: res.claimed ? 'success' : 'none' });
    } catch {
      // toasted
    }
  };

  return (
    <PageFrame page={page} skeleton='detail'>
      {({ group }) => (
        <>
          <View className='invite-hero' data-testid='invitation-hero'>
            {group.coverUrl && <Image className='invite-hero__cover' src={imageSrc(group.coverUrl)} mode='aspectFill' />}
            <Text className='invite-hero__tag'>{group.typeLabel}</Text>
            <Text className='invite-hero__name'>{group.name}</Text>
            {group.description && <Text className='invite-hero__desc'>{group.description}</Text>}
            {groupEnds && <Text className='invite-hero__ends'>距快闪群结束 {groupEnds}</Text>}
          </View>
          {group.welcomeText && (
            <SectionCard title='群主寄语'>
              <Text className='invite-welcome'>{group.welcomeText}</Text>
            </SectionCard>
          )}
          {invitation?.joinedAt ? (
            <SectionCard title='已入群'>
              <Text className='invite-joined'>你已在群里，{beijingMinute(invitation.joinedAt)} 加入</Text>
              {group.hasPerk && (
                <AppButton className='invite-action' onClick={perk}>
                  领取群专属福利
                </AppButton>
              )}
            </SectionCard>
          ) : code ? (
            <SectionCard title='入群二维码'>
              <View className='invite-code' data-testid='group-code'>
                <Image className='invite-code__image' src={imageSrc(code.code.imageUrl)} mode='aspectFit' showMenuByLongpress data-code-id={code.code.id} />
                {IS_H5 ? (
                  <Text className='invite-code__hint invite-code__hint--h5' data-testid='h5-fallback'>
                    当前在浏览器中，无法长按识别二维码。请用微信「扫一扫」扫描上方二维码，或截图后在微信中识别加入。
                  </Text>
                ) : (
                  <Text className='invite-code__hint'>长按二维码，识别后加入群聊</Text>
                )}
                {codeEnds && <Text className='invite-code__expiry'>二维码有效期还剩 {codeEnds}</Text>}
              </View>
              <View className='invite-code__actions'>
                <AppButton kind='ghost' className='invite-code__btn' onClick={() => void saveToAlbum(imageSrc(code.code.imageUrl))}>
                  保存到相册
                </AppButton>
                <AppButton className='invite-code__btn' onClick={joined} data-testid='confirm-joined'>
                  我已入群
                </AppButton>
              </View>
            </SectionCard>
          ) : (
            <SectionCard>
              <Text className='invite-joined'>你符合入群条件，领取二维码后扫码加入。</Text>
              <AppButton className='invite-action' onClick={showCode} disabled={busy} data-testid='get-code'>
                {busy ? '正在获取…' : '获取入群二维码'}
              </AppButton>
            </SectionCard>
          )}
        </>
      )}
    </PageFrame>
  );
}
