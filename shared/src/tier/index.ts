export * from './tier-rules';
