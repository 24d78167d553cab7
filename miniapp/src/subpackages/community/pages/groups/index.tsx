import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate } from '@mall/shared';
import { INVITATION_URL } from '@/components/community-invite-card';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchInvitations, type MemberGroupView, type MemberInvitationView } from '@/services/community.api';
import './index.scss';

type Row = MemberInvitationView & { group: MemberGroupView };

function GroupRow({ row }: { row: Row }) {
  return (
    <View className='group-row' onClick={() => Taro.navigateTo({ url: `${INVITATION_URL}?groupId=${row.groupId}` })} data-testid='group-row'>
      <Text className='group-row__mark'>{row.group.typeLabel.slice(0, 1)}</Text>
      <View className='group-row__text'>
        <Text className='group-row__name'>{row.group.name}</Text>
        <Text className='group-row__meta'>
          {row.group.typeLabel}
          {row.joinedAt ? ` · ${beijingDate(row.joinedAt)} 入群` : row.codeShownAt ? ' · 已领取二维码' : ' · 待加入'}
        </Text>
      </View>
      <Text className='group-row__cta'>{row.joinedAt ? '查看' : '去加入'}</Text>
    </View>
  );
}

export default function MyGroupsPage() {
  const page = usePageData(async () => (await fetchInvitations()).items);
  return (
    <PageFrame
      page={page}
      skeleton='list'
      empty={{ when: (rows) => rows.length === 0, title: '还没有社群邀请', hint: '符合条件时，专属社群会邀请你加入', icon: '👥' }}
    >
      {(rows) => (
        <>
          {rows.some((r) => !r.joinedAt) && (
            <SectionCard title='邀请我的社群'>
              {rows
                .filter((r) => !r.joinedAt)
                .map((r) => (
                  <GroupRow key={r.id} row={r} />
                ))}
            </SectionCard>
          )}
          {rows.some((r) => r.joinedAt) && (
            <SectionCard title='我加入的社群'>
              {rows
                .filter((r) => r.joinedAt)
                .map((r) => (
                  <GroupRow key={r.id} row={r} />
                ))}
            </SectionCard>
          )}
        </>
      )}
    </PageFrame>
  );
}
