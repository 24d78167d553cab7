import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ErrorCode, type PickupStoreOption } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { Store } from './store.entity';

@Injectable()
export class StoreService {
  constructor(@InjectRepository(Store) private readonly stores: Repository<Store>) {}

  list(): Promise<Store[]> {
    return this.stores.find({ order: { id: 'ASC' } });
  }

  async getById(id: number): Promise<Store> {
    const store = await this.stores.findOneBy({ id });
    if (!store) throw AppError.notFound('门店');
    return store;
  }

  exists(id: number): Promise<boolean> {
    return this.stores.existsBy({ id, active: true });
  }

  /** An open store for a pickup order; a closed or unknown store is refused (422 / 404). */
  async openForPickup(id: number): Promise<Store> {
    const store = await this.stores.findOneBy({ id });
    if (!store) throw AppError.notFound('自提门店');
    if (!store.active) throw new AppError(ErrorCode.STORE_CLOSED, `${store.name}暂停营业，请选择其他门店`);
    return store;
  }

  /** Open stores a member may pick up from, their own (bound) store first. */
  async pickupOptions(boundStoreId: number | null): Promise<PickupStoreOption[]> {
    const open = await this.stores.find({ where: { active: true }, order: { id: 'ASC' } });
    return open
      .map((s) => ({ id: s.id, name: s.name, address: s.address, openingHours: s.openingHours, isMyStore: s.id === boundStoreId }))
      .sort((a, b) => Number(b.isMyStore) - Number(a.isMyStore));
  }

  /** Stores by id, for views that name them. */
  async byIds(ids: number[]): Promise<Map<number, Store>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    return new Map((await this.stores.findBy({ id: In(unique) })).map((s) => [s.id, s]));
  }

  async update(id: number, changes: Partial<Pick<Store, 'name' | 'address' | 'openingHours' | 'latitude' | 'longitude' | 'active'>>): Promise<Store> {
    await this.getById(id);
    await this.stores.update({ id }, changes);
    return this.getById(id);
  }

  create(input: Pick<Store, 'name' | 'address' | 'openingHours'> & Partial<Pick<Store, 'latitude' | 'longitude'>>): Promise<Store> {
    return this.stores.save(this.stores.create({ ...input, active: true }));
  }
}
