export * from './visit-source';
export * from './event-batcher';
