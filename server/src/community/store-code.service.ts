import { Injectable } from '@nestjs/common';
import { beijingTime, nearestOpenStore, type GeoPoint } from '@mall/shared';
import { AccountService } from '../account/account.service';
import { AppError } from '../common/errors/app-error';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';
import { GuideContactService } from './guide-contact.service';
import { WecomApiClient } from './wecom/wecom-api.client';

/** The scene of the one brand poster (门店活码): stable, so printed posters keep working. */
export const STORE_CODE_SCENE = 'store';
export const STORE_CODE_PAGE = 'subpackages/community/pages/store-code/index';

export interface StoreCodeResult {
  via: 'nearest' | 'bound';
  store: { id: number; name: string; address: string; openingHours: string };
  /** Metres from the member, when located. */
  distanceM: number | null;
  guide: { staffAccountId: number; name: string; qrCode: string | null } | null;
}

/**
 * 门店活码: one poster per brand. A scan sends the member to the nearest open store's guide by the
 * location the mini-program sent (with consent), else to the store and guide they are bound to.
 */
@Injectable()
export class StoreCodeService {
  constructor(
    private readonly stores: StoreService,
    private readonly bindings: BindingService,
    private readonly accounts: AccountService,
    private readonly contacts: GuideContactService,
    private readonly wecom: WecomApiClient,
  ) {}

  async resolve(memberId: number, point: GeoPoint | null, now = new Date()): Promise<StoreCodeResult> {
    const [h, m] = beijingTime(now).split(':').map(Number);
    const nearest = point ? nearestOpenStore(await this.stores.list(), point, h * 60 + m) : null;
    const binding = await this.bindings.bindingOf(memberId);
    if (nearest) {
      const sameStore = binding?.storeId === nearest.store.id ? binding.staffAccountId : null;
      return this.result('nearest', nearest.store.id, Math.round(nearest.distanceM), sameStore);
    }
    if (!binding) throw AppError.notFound('附近门店');
    return this.result('bound', binding.storeId, null, binding.staffAccountId);
  }

  private async result(via: StoreCodeResult['via'], storeId: number, distanceM: number | null, preferredStaff: number | null): Promise<StoreCodeResult> {
    const store = await this.stores.getById(storeId);
    const staff = (await this.accounts.staffOf(storeId)).filter((a) => a.active);
    const guide = staff.find((a) => a.id === preferredStaff) ?? staff.find((a) => a.role === 'staff') ?? staff[0] ?? null;
    const qrCode = guide && this.wecom.enabled ? (await this.contacts.forStaff(guide.id)).qrCode : null;
    return {
      via,
      store: { id: store.id, name: store.name, address: store.address, openingHours: store.openingHours },
      distanceM,
      guide: guide ? { staffAccountId: guide.id, name: guide.displayName, qrCode } : null,
    };
  }
}
