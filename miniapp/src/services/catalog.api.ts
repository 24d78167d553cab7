import type { CategoryView, ProductDetail, ProductSummary } from '@mall/shared';
import { request } from './request';

export const fetchProducts = (categoryId?: number) =>
  request<{ items: ProductSummary[] }>({ url: `/api/catalog/products${categoryId ? `?categoryId=${categoryId}` : ''}`, auth: false });
export const fetchProduct = (id: number) => request<ProductDetail>({ url: `/api/catalog/products/${id}`, auth: false });
export const fetchCategories = () => request<{ items: CategoryView[] }>({ url: '/api/catalog/categories', auth: false });
