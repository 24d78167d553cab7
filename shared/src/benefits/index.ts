export * from './benefit-types';
export * from './resolve-benefits';
export * from './describe-benefit';
export * from './exclusive-products';
