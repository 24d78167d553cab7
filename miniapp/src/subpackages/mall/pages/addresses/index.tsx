import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { AddressLines } from '@/components/address-lines';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { addAddress, fetchAddresses } from '@/services/order.api';
import './index.scss';
import { AppButton } from '@/components/app-button';

const BLANK = { name: '', phone: '', region: '', detail: '' };

export default function AddressesPage() {
  const page = usePageData(async () => (await fetchAddresses()).items);
  const [form, setForm] = useState(BLANK);
  const [saving, setSaving] = useState(false);
  const valid = Boolean(form.name && /^1\d{10}$/.test(form.phone) && form.region && form.detail);

  const save = async () => {
    setSaving(true);
    try {
      await addAddress({ ...form, isDefault: (page.data ?? []).length === 0 });
      setForm(BLANK);
      void Taro.showToast({ title: '地址已保存', icon: 'success' });
      await page.reload();
    } catch {
      // the request wrapper toasted the reason; the form keeps what was typed
    } finally {
      setSaving(false);
    }
  };

  const newAddress = (
    <SectionCard title='新增地址' className='address-form'>
      <Input className='address-form__input' placeholder='收货人' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
      <Input
        className='address-form__input'
        type='number'
        maxlength={11}
        placeholder='手机号'
        value={form.phone}
        onInput={(e) => setForm({ ...form, phone: e.detail.value })}
      />
      <Input
        className='address-form__input'
        placeholder='所在地区，如 上海市 静安区'
        value={form.region}
        onInput={(e) => setForm({ ...form, region: e.detail.value })}
      />
      <Input className='address-form__input' placeholder='详细地址' value={form.detail} onInput={(e) => setForm({ ...form, detail: e.detail.value })} />
      <AppButton disabled={!valid || saving} loading={saving} onClick={save}>
        保存地址
      </AppButton>
    </SectionCard>
  );

  return (
    <PageFrame
      page={page}
      skeleton='list'
      footer={newAddress}
      empty={{ when: (items) => items.length === 0, title: '还没有收货地址', hint: '在下方填写第一个地址，它会成为默认地址', icon: '📍' }}
    >
      {(items) => (
        <View>
          {items.map((a) => (
            <SectionCard key={a.id}>
              <AddressLines address={a} tag={a.isDefault ? '默认' : undefined} />
            </SectionCard>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
