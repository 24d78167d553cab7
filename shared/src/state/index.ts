export * from './transitions';
export * from './payment';
export * from './order';
export * from './wallet';
export * from './membership';
export * from './points';
export * from './coupon';
export * from './notification';
