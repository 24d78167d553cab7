import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame, PageSection } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { usePageData } from '@/hooks/use-page-data';
import { fetchCategories, fetchProducts } from '@/services/catalog.api';
import './index.scss';

export default function CategoryPage() {
  const categories = usePageData(async () => (await fetchCategories()).items);
  const [picked, setPicked] = useState<number | null>(null);
  const active = picked ?? categories.data?.[0]?.id ?? null;
  const products = usePageData(async () => (active === null ? [] : (await fetchProducts(active)).items), { deps: [active], resetOnChange: true });

  return (
    <PageFrame
      page={categories}
      className='category-page'
      skeleton='list'
      empty={{ when: (list) => list.length === 0, title: '暂无分类', hint: '商品正在整理中，先去首页看看吧', icon: '🗂️' }}
    >
      {(list) => (
        <>
          <View className='category-page__side'>
            {list.map((c) => (
              <Text key={c.id} className={`category-page__tab ${c.id === active ? 'category-page__tab--on' : ''}`} onClick={() => setPicked(c.id)}>
                {c.icon} {c.name}
              </Text>
            ))}
          </View>
          <View className='category-page__main'>
            <PageSection page={products} skeleton='list' empty={{ when: (rows) => rows.length === 0, title: '该分类暂无商品', hint: '看看其他分类吧' }}>
              {(rows) =>
                rows.map((p) => (
                  <GoodsLine
                    key={p.id}
                    imageUrl={p.imageUrl}
                    name={p.name}
                    below={<PriceTag fen={p.memberPriceFen ?? p.priceFen} tone='red' />}
                    onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/product/index?id=${p.id}` })}
                  />
                ))
              }
            </PageSection>
          </View>
        </>
      )}
    </PageFrame>
  );
}
