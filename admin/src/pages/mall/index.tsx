import { TabbedPage } from '../../components/TabbedPage';
import { AfterSalesTab } from './AfterSalesTab';
import { CouponsTab } from './CouponsTab';
import { OrdersTab } from './OrdersTab';
import { ProductsTab } from './ProductsTab';

export default function MallPage() {
  return (
    <TabbedPage
      title='商城'
      tabs={[
        { key: 'orders', label: '订单', children: <OrdersTab /> },
        { key: 'after-sales', label: '售后退款', children: <AfterSalesTab /> },
        { key: 'products', label: '商品', children: <ProductsTab /> },
        { key: 'coupons', label: '优惠券', children: <CouponsTab /> },
      ]}
    />
  );
}
