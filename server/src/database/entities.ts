import { Account } from '../account/account.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity';
import { Payment } from '../payment/payment.entity';
import { PaymentNotifyLog } from '../payment/payment-notify-log.entity';
import { Refund } from '../payment/refund.entity';
import { Product } from '../catalog/product.entity';
import { Member } from '../member/member.entity';
import { QrNonce } from '../member/qr-nonce.entity';
import { BenefitAttachment } from '../benefit/benefit-attachment.entity';
import { BenefitVersion } from '../benefit/benefit-version.entity';
import { Benefit } from '../benefit/benefit.entity';
import { GrowthEntry } from '../tier/growth-entry.entity';
import { MemberTier } from '../tier/member-tier.entity';
import { TierHistory } from '../tier/tier-history.entity';
import { TierSetting } from '../tier/tier-setting.entity';
import { Store } from '../store/store.entity';
import { Tier } from '../tier/tier.entity';
import { RechargePlan } from '../wallet/recharge-plan.entity';
import { Recharge } from '../wallet/recharge.entity';
import { WalletEntry } from '../wallet/wallet-entry.entity';
import { WalletSetting } from '../wallet/wallet-setting.entity';
import { Wallet } from '../wallet/wallet.entity';
import { Withdrawal } from '../wallet/withdrawal.entity';

/** Every entity, registered once for both the MySQL and the embedded data source. */
export const ENTITIES = [Member, Account, Store, Tier, Product, AuditLog, Payment, Refund, PaymentNotifyLog, IdempotencyRecord, Wallet, WalletEntry, RechargePlan, Recharge, WalletSetting, Withdrawal, QrNonce, Benefit, BenefitVersion, BenefitAttachment, GrowthEntry, MemberTier, TierHistory, TierSetting];
