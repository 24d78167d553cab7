export * from './wallet-rules';
