import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { fetchInvitations, type MemberGroupView, type MemberInvitationView } from '@/services/community.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

export const INVITATION_URL = '/subpackages/community/pages/invitation/index';

/** The member's newest open invitation to a community group (home and 我的); nothing when there is none. */
export function CommunityInviteCard() {
  const member = useSessionStore((s) => s.member);
  const [invite, setInvite] = useState<(MemberInvitationView & { group: MemberGroupView }) | null>(null);
  const load = async () => {
    if (!member) return setInvite(null);
    try {
      setInvite((await fetchInvitations(true)).items.find((i) => !i.joinedAt) ?? null);
    } catch {
      setInvite(null);
    }
  };
  useEffect(() => void load(), [member?.id]);
  useDidShow(() => void load());
  if (!invite) return null;
  return (
    <View className='invite-card' data-testid='community-invite-card' onClick={() => Taro.navigateTo({ url: `${INVITATION_URL}?groupId=${invite.groupId}` })}>
      <Text className='invite-card__mark'>群</Text>
      <View className='invite-card__text'>
        <Text className='invite-card__title'>邀请你加入「{invite.group.name}」</Text>
        <Text className='invite-card__sub'>
          {invite.group.typeLabel}
          {invite.group.hasPerk ? ' · 入群领专属福利' : ''}
        </Text>
      </View>
      <Text className='invite-card__cta'>去看看</Text>
    </View>
  );
}
