import { defineStateMachine } from './transitions';

/**
 * A product on the shelf. A new product starts as a draft (members never see it) until ops put it on sale;
 * only `on_shelf` products are listed, shown and sold.
 *
 * draft → on_shelf          published
 * on_shelf → off_shelf      taken down (orders already placed keep their lines)
 * off_shelf → on_shelf      back on sale
 */
export type ProductStatus = 'draft' | 'on_shelf' | 'off_shelf';

export const PRODUCT_STATES = defineStateMachine<ProductStatus>(
  'product',
  { draft: ['on_shelf'], on_shelf: ['off_shelf'], off_shelf: ['on_shelf'] },
  { draft: '草稿', on_shelf: '在售', off_shelf: '已下架' },
);
