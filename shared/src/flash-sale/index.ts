export * from './flash-sale';
export * from './api';
