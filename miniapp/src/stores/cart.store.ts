import Taro from '@tarojs/taro';
import { create } from 'zustand';

export interface CartItem {
  skuId: number;
  productId: number;
  name: string;
  specs: string;
  imageUrl: string;
  priceFen: number;
  memberPriceFen: number | null;
  quantity: number;
  selected: boolean;
}

const KEY = 'mall.cart';

interface CartState {
  items: CartItem[];
  add(item: Omit<CartItem, 'quantity' | 'selected'>, quantity: number): void;
  setQuantity(skuId: number, quantity: number): void;
  toggle(skuId: number): void;
  remove(skuIds: number[]): void;
  selected(): CartItem[];
}

const load = (): CartItem[] => {
  try {
    return Taro.getStorageSync<CartItem[]>(KEY) || [];
  } catch {
    return [];
  }
};

export const useCartStore = create<CartState>((set, get) => {
  const save = (items: CartItem[]) => {
    Taro.setStorageSync(KEY, items);
    set({ items });
  };
  return {
    items: load(),
    add(item, quantity) {
      const items = get().items;
      const existing = items.find((i) => i.skuId === item.skuId);
      save(
        existing
          ? items.map((i) => (i.skuId === item.skuId ? { ...i, quantity: Math.min(99, i.quantity + quantity) } : i))
          : [...items, { ...item, quantity, selected: true }],
      );
    },
    setQuantity(skuId, quantity) {
      save(get().items.map((i) => (i.skuId === skuId ? { ...i, quantity: Math.max(1, Math.min(99, quantity)) } : i)));
    },
    toggle(skuId) {
      save(get().items.map((i) => (i.skuId === skuId ? { ...i, selected: !i.selected } : i)));
    },
    remove(skuIds) {
      save(get().items.filter((i) => !skuIds.includes(i.skuId)));
    },
    selected() {
      return get().items.filter((i) => i.selected);
    },
  };
});
