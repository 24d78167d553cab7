import { useEffect, useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import './index.scss';

/**
 * 所在地区 as one field: WeChat's own province/city/district picker in the mini-program; on H5, whose
 * Taro picker has no region mode, a text field ("上海市 静安区") saved when it loses focus.
 */
export function RegionField({ value, onChange }: { value: string; onChange(region: string): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode='region' value={value ? value.split(' ') : []} onChange={(e) => onChange(e.detail.value.join(' '))}>
        <View className='region-field'>
          <Text className={value ? 'region-field__value' : 'region-field__placeholder'}>{value || '请选择省 / 市 / 区'}</Text>
          <Text className='region-field__arrow'>›</Text>
        </View>
      </Picker>
    );
  }
  const commit = () => {
    const region = draft.trim().replace(/\s+/g, ' ');
    if (region && region !== value) onChange(region);
  };
  return (
    <View className='region-field'>
      <Input
        className='region-field__input'
        maxlength={64}
        placeholder='如：上海市 静安区'
        value={draft}
        onInput={(e) => setDraft(e.detail.value)}
        onBlur={commit}
        onConfirm={commit}
      />
    </View>
  );
}
