export * from './days';
export * from './metrics';
export * from './cohort';
export * from './svip';
export * from './sales';
export * from './views';
