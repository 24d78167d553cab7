export * from './errors';
export * from './money';
export * from './api';
export * from './state';
export * from './wallet';
export * from './tier';
export * from './benefits';
export * from './points';
