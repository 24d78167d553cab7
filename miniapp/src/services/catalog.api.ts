import type { ProductSummary } from '@mall/shared';
import { request } from './request';

export const fetchProducts = () => request<{ items: ProductSummary[] }>({ url: '/api/catalog/products', auth: false });
