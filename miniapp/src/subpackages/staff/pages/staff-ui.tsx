import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate, formatYuan, type StaffMemberSummary } from '@mall/shared';

/** SVIP status is derived (not a state machine), and shared has no labels for it yet. */
const SVIP_STATUS: Record<StaffMemberSummary['svip']['status'], string> = { none: '未开通', active: '生效中', grace: '宽限期', expired: '已过期' };

/** WeChat's camera scanner; H5 has none, so the pages offer a paste field instead. */
export async function scanWithCamera(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    void Taro.showToast({ title: 'H5 请在下方粘贴码内容', icon: 'none' });
    return null;
  }
  try {
    return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })).result;
  } catch {
    return null; // cancelled
  }
}

export function MemberCardView({ member }: { member: StaffMemberSummary }) {
  return (
    <View className='staff-member'>
      <View className='staff-member__head'>
        <View className='staff-member__avatar'>{member.nickname.slice(0, 1)}</View>
        <View className='staff-member__who'>
          <Text className='staff-member__name'>{member.nickname}</Text>
          <Text className='staff-member__phone'>{member.phoneMasked ?? '未绑定手机号'}</Text>
        </View>
        <Text className='staff-member__tier' style={{ background: member.tier.color }}>
          {member.tier.name}
        </Text>
      </View>
      <View className='staff-member__tags'>
        {member.svip.status !== 'none' && (
          <Text className={`staff-tag ${member.svip.status === 'active' ? 'staff-tag--gold' : ''}`}>SVIP {SVIP_STATUS[member.svip.status]}</Text>
        )}
        {member.tags
          .filter((t) => t !== 'SVIP')
          .map((tag) => (
            <Text key={tag} className='staff-tag'>
              {tag}
            </Text>
          ))}
      </View>
      <View className='staff-member__stats'>
        <View className='staff-stat'>
          <Text className='staff-stat__value'>{member.points}</Text>
          <Text className='staff-stat__label'>积分</Text>
        </View>
        <View className='staff-stat'>
          <Text className='staff-stat__value'>¥{formatYuan(member.balanceFen)}</Text>
          <Text className='staff-stat__label'>储值余额</Text>
        </View>
        <View className='staff-stat'>
          <Text className='staff-stat__value'>{member.svip.expiresAt ? beijingDate(member.svip.expiresAt) : '—'}</Text>
          <Text className='staff-stat__label'>SVIP 到期</Text>
        </View>
      </View>
      {member.binding && (
        <Text className='staff-member__binding'>
          {member.binding.storeName} · 导购 {member.binding.staffName ?? '无'} · 保护期至 {beijingDate(member.binding.protectedUntil)}
        </Text>
      )}
    </View>
  );
}
