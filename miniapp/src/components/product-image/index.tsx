import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import './index.scss';

/** Uploaded images are served by the API (/uploads/…, /static/…); a full URL is used as it is. */
export function imageSrc(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${API_BASE_URL}${url}`;
}

/**
 * A product or gift picture in the box `className` gives it. Without an image, or when it fails to
 * load, a neutral card stands in (the name's first character on a warm grey), never a blank box.
 */
export function ProductImage({ src, name, className }: { src: string | null | undefined; name: string; className: string }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) {
    return (
      <View className={`${className} product-image product-image--placeholder`}>
        <Text className='product-image__mark'>{Array.from(name.trim())[0] ?? ''}</Text>
        <Text className='product-image__hint'>暂无图片</Text>
      </View>
    );
  }
  return <Image className={`${className} product-image`} src={imageSrc(src)} mode='aspectFill' onError={() => setFailed(true)} />;
}
