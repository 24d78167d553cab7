/** A payment report from WeChat (notify or query) that does not match our records. */
export class PaymentMismatch extends Error {}
