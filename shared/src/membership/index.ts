export * from './membership-rules';
export * from './refund-policy';
