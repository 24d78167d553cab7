import { GroupBuyVirtualMembers1795734031226 } from './1795734031226-GroupBuyVirtualMembers';
import { JobLease1795733479754 } from './1795733479754-JobLease';
import { AnalyticsFunnels1795733549503 } from './1795733549503-AnalyticsFunnels';
import { FlashSales1795720399152 } from './1795720399152-FlashSales';
import { KocProgramme1795722246670 } from './1795722246670-KocProgramme';
import { Community1795720283257 } from './1795720283257-Community';
import { GroupBuys1795721233173 } from './1795721233173-GroupBuys';
import { Analytics1795720810208 } from './1795720810208-Analytics';
import { OrderDeal1795719638089 } from './1795719638089-OrderDeal';
import { SegmentIndexes1795713533146 } from './1795713533146-SegmentIndexes';
import { Campaigns1795711310378 } from './1795711310378-Campaigns';
import { Fulfilment1795707837281 } from './1795707837281-Fulfilment';
import { Notifications1795707955104 } from './1795707955104-Notifications';
import { Insight1795709407939 } from './1795709407939-Insight';
import { MemberLoops1795706642976 } from './1795706642976-MemberLoops';
import { Outbox1795705776548 } from './1795705776548-Outbox';
import { Uploads1795705567868 } from './1795705567868-Uploads';
import { RefreshTokens1795699144101 } from './1795699144101-RefreshTokens';
import { LimitsCountHolds1795698492581 } from './1795698492581-LimitsCountHolds';
import { ArchitecturePass1795696855935 } from './1795696855935-ArchitecturePass';
import { PointsCashReferral1795373887913 } from './1795373887913-PointsCashReferral';
import { BindingPolicy1795373646122 } from './1795373646122-BindingPolicy';
import { StoresStaff1795372657018 } from './1795372657018-StoresStaff';
import { Membership1795363252219 } from './1795363252219-Membership';
import { PointsCouponItems1795363023829 } from './1795363023829-PointsCouponItems';
import { LookupIndexes1795362536635 } from './1795362536635-LookupIndexes';
import { MallCore1795361478679 } from './1795361478679-MallCore';
import { BenefitGrants1795360949847 } from './1795360949847-BenefitGrants';
import { Points1795360573001 } from './1795360573001-Points';
import { TiersBenefits1795358764079 } from './1795358764079-TiersBenefits';
import { PaymentsWallet1795357855092 } from './1795357855092-PaymentsWallet';
import { Initial1795356874354 } from './1795356874354-Initial';
/** Migrations in order; `pnpm --filter @mall/server migration:generate <Name>` writes a new one and adds it here. */
export const MIGRATIONS: Function[] = [
  Initial1795356874354,
  PaymentsWallet1795357855092,
  TiersBenefits1795358764079,
  Points1795360573001,
  BenefitGrants1795360949847,
  MallCore1795361478679,
  LookupIndexes1795362536635,
  PointsCouponItems1795363023829,
  Membership1795363252219,
  StoresStaff1795372657018,
  BindingPolicy1795373646122,
  PointsCashReferral1795373887913,
  ArchitecturePass1795696855935,
  LimitsCountHolds1795698492581,
  RefreshTokens1795699144101,
  Uploads1795705567868,
  Outbox1795705776548,
  MemberLoops1795706642976,
  Fulfilment1795707837281,
  Notifications1795707955104,
  Insight1795709407939,
  Campaigns1795711310378,
  SegmentIndexes1795713533146,
  OrderDeal1795719638089,
  Community1795720283257,
  FlashSales1795720399152,
  Analytics1795720810208,
  GroupBuys1795721233173,
  KocProgramme1795722246670,
  JobLease1795733479754,
  AnalyticsFunnels1795733549503,
  GroupBuyVirtualMembers1795734031226,
];
