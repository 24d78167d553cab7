export * from './staff-rules';
export * from './nearest-store';
