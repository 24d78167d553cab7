export * from './membership-rules';
