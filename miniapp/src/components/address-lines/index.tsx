import { Text } from '@tarojs/components';
import type { ShippingAddress } from '@mall/shared';
import './index.scss';

/** Who receives (name, phone) and where. */
export function AddressLines({ address, tag }: { address: ShippingAddress; tag?: string }) {
  return (
    <>
      <Text className='address-lines__who'>
        {address.name} {address.phone}
        {tag && <Text className='address-lines__tag'>{tag}</Text>}
      </Text>
      <Text className='address-lines__where'>
        {address.region} {address.detail}
      </Text>
    </>
  );
}
