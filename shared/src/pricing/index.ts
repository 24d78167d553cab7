export * from './pricing';
export * from './refund-plan';
export * from './best-coupon';
