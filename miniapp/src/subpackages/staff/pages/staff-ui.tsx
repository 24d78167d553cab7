import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan, type StaffMemberSummary } from '@mall/shared';

export const ORDER_STATUS: Record<string, string> = {
  pending_payment: '待支付',
  paid: '已支付',
  shipped: '已发货',
  ready_for_pickup: '待自提',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};

export const SVIP_STATUS: Record<StaffMemberSummary['svip']['status'], string> = { none: '未开通', active: '生效中', grace: '宽限期', expired: '已过期' };

export const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
export const minute = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

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
        {member.svip.status !== 'none' && <Text className={`staff-tag ${member.svip.status === 'active' ? 'staff-tag--gold' : ''}`}>SVIP {SVIP_STATUS[member.svip.status]}</Text>}
        {member.tags.filter((t) => t !== 'SVIP').map((tag) => (
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
          <Text className='staff-stat__value'>{member.svip.expiresAt ? day(member.svip.expiresAt) : '—'}</Text>
          <Text className='staff-stat__label'>SVIP 到期</Text>
        </View>
      </View>
      {member.binding && (
        <Text className='staff-member__binding'>
          {member.binding.storeName} · 导购 {member.binding.staffName ?? '无'} · 保护期至 {day(member.binding.protectedUntil)}
        </Text>
      )}
    </View>
  );
}
