import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/page-state';
import { PriceTag } from '@/components/price-tag';
import { useCartStore } from '@/stores/cart.store';
import '@/subpackages/mall/pages/mall.scss';

export default function CartPage() {
  const { items, toggle, setQuantity, remove } = useCartStore();
  const selected = items.filter((i) => i.selected);
  const total = selected.reduce((s, i) => s + (i.memberPriceFen ?? i.priceFen) * i.quantity, 0);
  if (items.length === 0) {
    return (
      <View className='page'>
        <EmptyState title='购物车还是空的' hint='去首页看看会员精选吧' icon='🛒' />
        <Button className='btn-gold' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>去逛逛</Button>
      </View>
    );
  }
  return (
    <View className='page cart-page'>
      {items.map((i) => (
        <View key={i.skuId} className='cart-item'>
          <Text className={`cart-item__check ${i.selected ? 'cart-item__check--on' : ''}`} onClick={() => toggle(i.skuId)}>{i.selected ? '✓' : ''}</Text>
          <Image className='cart-item__image' src={`${API_BASE_URL}${i.imageUrl}`} mode='aspectFill' />
          <View className='cart-item__main'>
            <Text className='cart-item__name'>{i.name}</Text>
            <Text className='cart-item__specs'>{i.specs}</Text>
            <View className='cart-item__row'>
              <PriceTag fen={i.memberPriceFen ?? i.priceFen} tone='red' />
              <View className='stepper'>
                <Text className='stepper__btn' onClick={() => (i.quantity === 1 ? remove([i.skuId]) : setQuantity(i.skuId, i.quantity - 1))}>−</Text>
                <Text className='stepper__value'>{i.quantity}</Text>
                <Text className='stepper__btn' onClick={() => setQuantity(i.skuId, i.quantity + 1)}>+</Text>
              </View>
            </View>
          </View>
        </View>
      ))}
      <View className='buy-bar'>
        <View className='buy-bar__total'>
          <Text className='muted'>合计（会员价预估）</Text>
          <PriceTag fen={total} tone='red' />
        </View>
        <Button
          className='btn-gold buy-bar__btn'
          disabled={selected.length === 0}
          onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/checkout/index?lines=${selected.map((i) => `${i.skuId}:${i.quantity}`).join(',')}` })}
        >
          去结算({selected.length})
        </Button>
      </View>
    </View>
  );
}
