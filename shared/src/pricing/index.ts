export * from './pricing';
export * from './refund-plan';
