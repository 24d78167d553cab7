export * from './koc-rules';
export * from './koc-api';
