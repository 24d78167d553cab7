import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { useMemberStore } from '@/stores/member.store';
import './index.scss';

const SOURCE_LABEL: Record<string, string> = { tier: '等级', plan: '付费会员', campaign: '活动' };
const BENEFIT_ICON: Record<string, string> = {
  member_discount: '🏷️',
  member_price: '💴',
  points_multiplier: '✨',
  free_shipping: '🚚',
  birthday_gift: '🎂',
  monthly_coupon_pack: '🎟️',
  upgrade_gift: '🎁',
  early_access: '⏰',
  exclusive_products: '💎',
  group_invite: '👥',
};

export default function MemberPage() {
  const page = usePageData(useMemberStore.getState().load);

  return (
    <PageFrame page={page} className='page member-page'>
      {({ card, tiers, history, svip }) => (
        <>
          <View
            className='member-card'
            style={{ background: `linear-gradient(135deg, #2a2a2a, ${card.tier.color === '#1F1F1F' ? '#000' : '#1f1f1f'} 55%, ${card.tier.color})` }}
          >
            <View className='member-card__top'>
              <View>
                <Text className='member-card__name'>{card.nickname}</Text>
                <View className='member-card__badges'>
                  <Text className='member-card__tier'>{card.tier.name}</Text>
                  {svip.status === 'active' && <Text className='member-card__svip'>SVIP</Text>}
                </View>
              </View>
              <View className='member-card__qr' onClick={() => Taro.navigateTo({ url: '/subpackages/member/pages/qr/index' })}>
                <Text className='member-card__qr-icon'>▦</Text>
                <Text className='member-card__qr-text'>会员码</Text>
              </View>
            </View>
            <View className='member-card__growth'>
              <Text className='member-card__growth-value'>{card.growth}</Text>
              <Text className='member-card__growth-label'>成长值</Text>
            </View>
            <View className='member-card__progress'>
              <View className='member-card__progress-bar' style={{ width: `${card.progressPercent}%` }} />
            </View>
            <Text className='member-card__hint'>
              {card.next ? `再获得 ${card.next.needed} 成长值升级为 ${card.next.name}` : '您已是最高等级，尊享全部权益'}
            </Text>
            {card.keepUntil && <Text className='member-card__keep'>当前等级有效期至 {beijingDate(card.keepUntil)}</Text>}
            {svip.status === 'active' && svip.expiresAt && (
              <Text className='member-card__keep'>
                {svip.currentPlan?.name ?? 'SVIP'} 有效期至 {beijingDate(svip.expiresAt)}
              </Text>
            )}
          </View>

          <View className='svip-entry' onClick={() => Taro.navigateTo({ url: '/subpackages/member/pages/svip/index' })}>
            <Text className='svip-entry__badge'>SVIP</Text>
            <Text className='svip-entry__text'>
              {svip.status === 'active'
                ? '付费会员生效中 · 查看本期省了多少'
                : svip.status === 'none'
                  ? '开通付费会员，享全场8.8折、全场包邮'
                  : '付费会员已到期，续费恢复全部权益'}
            </Text>
            <Text className='svip-entry__arrow'>›</Text>
          </View>

          <SectionCard title='我的权益'>
            {card.benefits.length === 0 ? (
              <Text className='muted member-page__empty'>当前等级暂无专属权益，升级即可解锁更多</Text>
            ) : (
              <View className='benefit-grid'>
                {card.benefits.map((b) => (
                  <View key={b.benefitId} className='benefit-grid__item'>
                    <Text className='benefit-grid__icon'>{BENEFIT_ICON[b.type] ?? '🎁'}</Text>
                    <Text className='benefit-grid__text'>{b.text}</Text>
                    <Text className='benefit-grid__source'>{b.sources.map((s) => `${SOURCE_LABEL[s.type]}·${s.name}`).join(' / ')}</Text>
                  </View>
                ))}
              </View>
            )}
          </SectionCard>

          <SectionCard title='等级说明'>
            <View className='tier-ladder'>
              {tiers.map((t) => (
                <View key={t.id} className={`tier-ladder__row ${t.level === card.tier.level ? 'tier-ladder__row--current' : ''}`}>
                  <View className='tier-ladder__dot' style={{ background: t.color }} />
                  <View className='tier-ladder__info'>
                    <Text className='tier-ladder__name'>
                      {t.name}
                      {t.level === card.tier.level ? '（当前）' : ''}
                    </Text>
                    <Text className='tier-ladder__desc'>{t.description}</Text>
                  </View>
                  <Text className='tier-ladder__threshold'>{t.growthThreshold === 0 ? '注册即享' : `${t.growthThreshold} 成长值`}</Text>
                </View>
              ))}
            </View>
          </SectionCard>

          {history.length > 0 && (
            <SectionCard title='等级记录'>
              {history.map((h, i) => (
                <View key={i} className='tier-history__row'>
                  <Text>
                    {h.kind === 'upgrade'
                      ? `升级：${h.fromName} → ${h.toName}`
                      : h.kind === 'downgrade'
                        ? `调整：${h.fromName} → ${h.toName}`
                        : `保级：${h.toName}`}
                  </Text>
                  <Text className='muted'>{beijingDate(h.at)}</Text>
                </View>
              ))}
            </SectionCard>
          )}
        </>
      )}
    </PageFrame>
  );
}
