export * from './carriers';
export * from './after-sale';
export * from './tracking';
