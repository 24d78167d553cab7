export * from './auth';
export * from './catalog';
export * from './wallet';
export * from './member-card';
export * from './staff';
