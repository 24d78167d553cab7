export * from './scenes';
export * from './subscribe-values';
