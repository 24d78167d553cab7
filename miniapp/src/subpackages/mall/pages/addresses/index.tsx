import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { addAddress, fetchAddresses, type AddressView } from '@/services/mall.api';
import { useSessionStore } from '@/stores/session.store';
import '@/subpackages/mall/pages/mall.scss';

export default function AddressesPage() {
  const [items, setItems] = useState<AddressView[]>([]);
  const [form, setForm] = useState({ name: '', phone: '', region: '', detail: '' });
  const load = async () => {
    await useSessionStore.getState().ready();
    setItems((await fetchAddresses()).items);
  };
  useEffect(() => {
    void load();
  }, []);
  const valid = form.name && /^1\d{10}$/.test(form.phone) && form.region && form.detail;
  const save = async () => {
    await addAddress({ ...form, isDefault: items.length === 0 });
    setForm({ name: '', phone: '', region: '', detail: '' });
    void Taro.showToast({ title: '地址已保存', icon: 'success' });
    await load();
  };
  return (
    <View className='page'>
      {items.length === 0 ? <EmptyState title='还没有收货地址' icon='📍' /> : items.map((a) => (
        <SectionCard key={a.id}>
          <Text className='checkout-address__who'>{a.name} {a.phone} {a.isDefault ? '（默认）' : ''}</Text>
          <Text className='checkout-address__where'>{a.region} {a.detail}</Text>
        </SectionCard>
      ))}
      <SectionCard title='新增地址' className='address-form'>
        <Input className='address-form__input' placeholder='收货人' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        <Input className='address-form__input' type='number' maxlength={11} placeholder='手机号' value={form.phone} onInput={(e) => setForm({ ...form, phone: e.detail.value })} />
        <Input className='address-form__input' placeholder='所在地区，如 上海市 静安区' value={form.region} onInput={(e) => setForm({ ...form, region: e.detail.value })} />
        <Input className='address-form__input' placeholder='详细地址' value={form.detail} onInput={(e) => setForm({ ...form, detail: e.detail.value })} />
        <Button className='btn-gold' disabled={!valid} onClick={save}>保存地址</Button>
      </SectionCard>
    </View>
  );
}
