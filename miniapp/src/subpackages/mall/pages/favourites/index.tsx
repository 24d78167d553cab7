import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { usePagedData } from '@/hooks/use-page-data';
import { fetchFavourites, removeFavourite } from '@/services/insight.api';
import './index.scss';

export default function FavouritesPage() {
  const page = usePagedData(fetchFavourites);

  const unfavourite = async (productId: number) => {
    try {
      await removeFavourite(productId);
      page.setData((items) => (items ?? []).filter((p) => p.id !== productId));
      void Taro.showToast({ title: '已取消收藏', icon: 'none' });
    } catch {
      // the request wrapper toasted why
    }
  };

  return (
    <PageFrame
      page={page}
      className='page favourites-page'
      skeleton='list'
      empty={{
        when: (items) => items.length === 0,
        title: '还没有收藏的商品',
        hint: '在商品页点 ♡ 收藏，喜欢的好物都在这里',
        icon: '♡',
        action: { text: '去逛逛', onClick: () => void Taro.switchTab({ url: '/pages/index/index' }) },
      }}
    >
      {(items) => (
        <View className='favourites-page__list'>
          {items.map((p) => (
            <View key={p.id} className='fav-card' data-testid='favourite-item'>
              <GoodsLine
                imageUrl={p.imageUrl}
                name={p.name}
                sub={p.subtitle}
                onClick={() => void Taro.navigateTo({ url: `/subpackages/mall/pages/product/index?id=${p.id}` })}
                below={
                  <View className='fav-card__prices'>
                    {p.memberPriceFen !== null ? (
                      <>
                        <Text className='fav-card__badge'>会员价</Text>
                        <PriceTag fen={p.memberPriceFen} tone='red' />
                        <PriceTag fen={p.priceFen} size='sm' tone='muted' strike />
                      </>
                    ) : (
                      <PriceTag fen={p.priceFen} />
                    )}
                    {p.stock <= 0 && <Text className='fav-card__soldout'>已售罄</Text>}
                  </View>
                }
              />
              <View className='fav-card__foot'>
                <Text className='fav-card__remove' onClick={() => void unfavourite(p.id)}>
                  取消收藏
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
