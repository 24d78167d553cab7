import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { ProductSummary } from '@mall/shared';
import { EmptyState, PageLoading } from '@/components/page-state';
import { PriceTag } from '@/components/price-tag';
import { fetchCategories, fetchProductsIn } from '@/services/mall.api';
import '@/subpackages/mall/pages/mall.scss';

export default function CategoryPage() {
  const [categories, setCategories] = useState<{ id: number; name: string; icon: string }[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [products, setProducts] = useState<ProductSummary[] | null>(null);
  useEffect(() => {
    void fetchCategories().then((r) => {
      setCategories(r.items);
      setActive(r.items[0]?.id ?? null);
    });
  }, []);
  useEffect(() => {
    if (active === null) return;
    setProducts(null);
    void fetchProductsIn(active).then((r) => setProducts(r.items));
  }, [active]);
  return (
    <View className='category-page'>
      <View className='category-page__side'>
        {categories.map((c) => (
          <Text key={c.id} className={`category-page__tab ${c.id === active ? 'category-page__tab--on' : ''}`} onClick={() => setActive(c.id)}>{c.icon} {c.name}</Text>
        ))}
      </View>
      <View className='category-page__main'>
        {products === null ? <PageLoading rows={2} /> : products.length === 0 ? <EmptyState title='该分类暂无商品' /> : products.map((p) => (
          <View key={p.id} className='checkout-line' onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/product/index?id=${p.id}` })}>
            <Image className='checkout-line__image' src={`${API_BASE_URL}${p.imageUrl}`} mode='aspectFill' />
            <View className='checkout-line__main'>
              <Text className='checkout-line__name'>{p.name}</Text>
              <PriceTag fen={p.memberPriceFen ?? p.priceFen} tone='red' />
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
