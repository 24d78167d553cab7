export * from './benefit-types';
export * from './resolve-benefits';
