export * from './coupon-centre';
