import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  async update(id: number, changes: Partial<Pick<Store, 'name' | 'address' | 'openingHours' | 'latitude' | 'longitude' | 'active'>>): Promise<Store> {
    await this.getById(id);
    await this.stores.update({ id }, changes);
    return this.getById(id);
  }

  create(input: Pick<Store, 'name' | 'address' | 'openingHours'> & Partial<Pick<Store, 'latitude' | 'longitude'>>): Promise<Store> {
    return this.stores.save(this.stores.create({ ...input, active: true }));
  }
}
