export * from './group-buy';
export * from './api';
