import { Account } from '../account/account.entity';
import { Product } from '../catalog/product.entity';
import { Member } from '../member/member.entity';
import { Store } from '../store/store.entity';
import { Tier } from '../tier/tier.entity';

/** Every entity, registered once for both the MySQL and the embedded data source. */
export const ENTITIES = [Member, Account, Store, Tier, Product];
