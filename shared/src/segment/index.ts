export * from './segment-definition';
export * from './segment-predicate';
export * from './lifecycle';
