import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { ProductImage } from '@/components/product-image';
import { usePageData } from '@/hooks/use-page-data';
import { fetchMyGroups } from '@/services/group-buy.api';
import '../group/index.scss';

const REFUND_TEXT: Record<string, string> = { refunding: '退款处理中，将原路退回', refunded: '已原路退款' };

export default function MyGroupsPage() {
  const page = usePageData(async () => (await fetchMyGroups()).items);
  return (
    <PageFrame
      page={page}
      className='page group-page'
      skeleton='list'
      empty={{
        when: (items) => items.length === 0,
        title: '还没有参加拼团',
        hint: '和好友一起拼，更优惠',
        icon: '👥',
        action: { text: '去拼团', onClick: () => void Taro.navigateTo({ url: '/subpackages/deals/pages/group-deals/index' }) },
      }}
    >
      {(items) => (
        <View>
          {items.map((m) => (
            <View
              key={`${m.group.id}-${m.orderId}`}
              className='group-card'
              data-testid='my-group'
              onClick={() => Taro.navigateTo({ url: `/subpackages/deals/pages/group/index?id=${m.group.id}` })}
            >
              <View className='group-card__main'>
                <ProductImage className='group-card__image' src={m.imageUrl} name={m.productName} />
                <View className='group-card__body'>
                  <Text className='group-card__name'>{m.dealName}</Text>
                  <Text className='group-card__sub'>
                    {m.role === 'leader' ? '我是团长' : '我是团员'} · {m.group.paidCount}/{m.group.groupSize} 人 · ¥{formatYuan(m.unitPriceFen)}
                  </Text>
                  <Text className='group-card__badge'>
                    {m.group.statusLabel} · {m.memberStatusLabel}
                  </Text>
                  {REFUND_TEXT[m.memberStatus] && <Text className='group-mine__refund'>{REFUND_TEXT[m.memberStatus]}</Text>}
                </View>
              </View>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
