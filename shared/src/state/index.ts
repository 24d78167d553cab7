export * from './transitions';
export * from './payment';
