import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ApiError, ErrorCode, yuanLabel, type ProductDetail } from '@mall/shared';
import { BuyBar } from '@/components/buy-bar';
import { FavouriteHeart } from '@/components/favourite-heart';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { ProductImage } from '@/components/product-image';
import { Stepper } from '@/components/stepper';
import { usePageData } from '@/hooks/use-page-data';
import { fetchProduct } from '@/services/catalog.api';
import { track } from '@/services/track';
import { useCartStore } from '@/stores/cart.store';
import './index.scss';
import { AppButton } from '@/components/app-button';

export default function ProductPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const validId = Number.isSafeInteger(id) && id > 0;
  // A link without a usable id never reaches the server (it would ask for /products/NaN).
  const page = usePageData(() => (validId ? fetchProduct(id) : Promise.reject(new ApiError(ErrorCode.NOT_FOUND, '商品不存在', 404))), { deps: [id] });
  useEffect(() => {
    if (validId) track.view(id);
  }, [id, validId]);
  if (!validId) {
    return (
      <View className='product-page product-page--missing'>
        <EmptyState
          icon='?'
          title='没有找到这件商品'
          hint='链接可能不完整或已失效'
          action={{ text: '去商城逛逛', onClick: () => void Taro.switchTab({ url: '/pages/index/index' }) }}
        />
      </View>
    );
  }
  return (
    <PageFrame page={page} className='product-page' skeleton='product'>
      {(product) => <ProductView product={product} />}
    </PageFrame>
  );
}

function ProductView({ product }: { product: ProductDetail }) {
  const [skuId, setSkuId] = useState<number | null>(() => (product.skus.find((s) => s.stock > 0) ?? product.skus[0])?.id ?? null);
  const [quantity, setQuantity] = useState(1);
  const add = useCartStore((s) => s.add);
  const cartCount = useCartStore((s) => s.items.reduce((n, i) => n + i.quantity, 0));
  const sku = product.skus.find((s) => s.id === skuId);
  const soldOut = !sku || sku.stock <= 0;

  const toCart = (buyNow: boolean) => {
    if (!sku) return;
    track.cart(product.id);
    add(
      {
        skuId: sku.id,
        productId: product.id,
        name: product.name,
        specs: sku.specs,
        imageUrl: product.imageUrl,
        priceFen: sku.priceFen,
        memberPriceFen: sku.memberPriceFen,
      },
      quantity,
    );
    if (buyNow) void Taro.navigateTo({ url: `/subpackages/mall/pages/checkout/index?lines=${sku.id}:${quantity}` });
    else void Taro.showToast({ title: '已加入购物车', icon: 'success' });
  };

  return (
    <>
      <ProductImage className='product-page__image' src={product.imageUrl} name={product.name} />
      <View className='product-page__info'>
        <View className='product-page__prices'>
          {sku?.memberPriceFen ? (
            <>
              <Text className='product-page__badge'>会员价</Text>
              <PriceTag fen={sku.memberPriceFen} size='lg' tone='red' />
              <PriceTag fen={sku.priceFen} size='sm' tone='muted' strike />
            </>
          ) : (
            <PriceTag fen={sku?.priceFen ?? product.priceFen} size='lg' />
          )}
        </View>
        {sku?.svipPriceFen != null && sku.svipPriceFen < (sku.memberPriceFen ?? sku.priceFen) && (
          <View className='product-page__svip' onClick={() => Taro.navigateTo({ url: '/subpackages/member/pages/svip/index' })}>
            <Text className='product-page__svip-badge'>SVIP</Text>
            <Text className='product-page__svip-text'>
              SVIP 价 {yuanLabel(sku.svipPriceFen)}，开通立省 {yuanLabel((sku.memberPriceFen ?? sku.priceFen) - sku.svipPriceFen)} ›
            </Text>
          </View>
        )}
        <Text className='product-page__name'>{product.name}</Text>
        <Text className='product-page__subtitle'>{product.subtitle}</Text>
        {product.minTierLevel > 0 && <Text className='product-page__gate'>仅限 L{product.minTierLevel} 及以上会员购买</Text>}
      </View>
      <View className='product-page__section'>
        <Text className='product-page__label'>规格</Text>
        <View className='product-page__skus'>
          {product.skus.map((s) => (
            <Text
              key={s.id}
              className={`sku-chip ${s.id === skuId ? 'sku-chip--active' : ''} ${s.stock <= 0 ? 'sku-chip--disabled' : ''}`}
              onClick={() => s.stock > 0 && setSkuId(s.id)}
            >
              {s.specs}
            </Text>
          ))}
        </View>
        <View className='product-page__qty'>
          <Text className='product-page__label'>数量</Text>
          <Stepper value={quantity} max={Math.max(1, sku?.stock ?? 1)} onChange={setQuantity} />
          <Text className='muted product-page__stock'>库存 {sku?.stock ?? 0}</Text>
        </View>
      </View>
      <ProductDetailSection detail={product.detail} />
      <BuyBar>
        <FavouriteHeart productId={product.id} />
        <View className='buy-bar__cart' onClick={() => Taro.navigateTo({ url: '/subpackages/mall/pages/cart/index' })}>
          <Text>🛒</Text>
          <Text className='buy-bar__cart-text'>购物车{cartCount ? `(${cartCount})` : ''}</Text>
        </View>
        <AppButton kind='ghost' className='buy-bar__btn' disabled={soldOut} onClick={() => toCart(false)}>
          加入购物车
        </AppButton>
        <AppButton className='buy-bar__btn' disabled={soldOut} onClick={() => toCart(true)}>
          {soldOut ? '已售罄' : '立即购买'}
        </AppButton>
      </BuyBar>
    </>
  );
}

/** 商品详情: the ops-written text, paragraphs split at blank lines and lines kept as written. */
function ProductDetailSection({ detail }: { detail: string | null }) {
  const paragraphs = (detail ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <View className='product-page__section product-detail'>
      <Text className='product-page__label'>商品详情</Text>
      {paragraphs.length === 0 ? (
        <Text className='product-detail__empty'>商家暂未填写详情</Text>
      ) : (
        paragraphs.map((p, i) => (
          <Text key={i} className='product-detail__paragraph'>
            {p}
          </Text>
        ))
      )}
    </View>
  );
}
