import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ProductImage } from '@/components/product-image';
import { BuyBar, BuyBarTotal } from '@/components/buy-bar';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { Stepper } from '@/components/stepper';
import { readyPageData } from '@/hooks/use-page-data';
import { useCartStore } from '@/stores/cart.store';
import './index.scss';
import { AppButton } from '@/components/app-button';

/** The cart lives on the device (cart store); checkout prices it on the server. */
export default function CartPage() {
  const { items, toggle, setQuantity, remove } = useCartStore();
  const selected = items.filter((i) => i.selected);
  const total = selected.reduce((s, i) => s + (i.memberPriceFen ?? i.priceFen) * i.quantity, 0);

  return (
    <PageFrame
      page={readyPageData(items)}
      className='page cart-page'
      empty={{
        when: (list) => list.length === 0,
        title: '购物车还是空的',
        hint: '去首页看看会员精选吧',
        icon: '🛒',
        action: { text: '去逛逛', onClick: () => void Taro.switchTab({ url: '/pages/index/index' }) },
      }}
    >
      {(list) => (
        <>
          {list.map((i) => (
            <View key={i.skuId} className='cart-item'>
              <Text className={`cart-item__check ${i.selected ? 'cart-item__check--on' : ''}`} onClick={() => toggle(i.skuId)}>
                {i.selected ? '✓' : ''}
              </Text>
              <ProductImage className='cart-item__image' src={i.imageUrl} name={i.name} />
              <View className='cart-item__main'>
                <Text className='cart-item__name'>{i.name}</Text>
                <Text className='cart-item__specs'>{i.specs}</Text>
                <View className='cart-item__row'>
                  <PriceTag fen={i.memberPriceFen ?? i.priceFen} tone='red' />
                  <Stepper value={i.quantity} onChange={(q) => setQuantity(i.skuId, q)} onBelowMin={() => remove([i.skuId])} />
                </View>
              </View>
            </View>
          ))}
          <BuyBar>
            <BuyBarTotal label='合计（会员价预估）' fen={total} />
            <AppButton
              className='buy-bar__btn'
              disabled={selected.length === 0}
              onClick={() =>
                Taro.navigateTo({ url: `/subpackages/mall/pages/checkout/index?lines=${selected.map((i) => `${i.skuId}:${i.quantity}`).join(',')}` })
              }
            >
              去结算({selected.length})
            </AppButton>
          </BuyBar>
        </>
      )}
    </PageFrame>
  );
}
