export * from './points-rules';
export * from './entry-title';
