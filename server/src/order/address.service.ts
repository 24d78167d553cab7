import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type AddressInput, type AddressView } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { Address } from './order.entity';

const MAX_ADDRESSES = 20;

function toAddressView(a: Address): AddressView {
  return { id: a.id, name: a.name, phone: a.phone, region: a.region, detail: a.detail, isDefault: a.isDefault } satisfies AddressView;
}

/** A member's delivery addresses; one of them may be the default. */
@Injectable()
export class AddressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(memberId: number): Promise<AddressView[]> {
    return (await this.dataSource.getRepository(Address).find({ where: { memberId }, order: { isDefault: 'DESC', id: 'DESC' } })).map(toAddressView);
  }

  async add(memberId: number, input: AddressInput): Promise<AddressView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Address);
      if ((await repo.countBy({ memberId })) >= MAX_ADDRESSES) throw new AppError(ErrorCode.VALIDATION_FAILED, `最多保存 ${MAX_ADDRESSES} 个地址`);
      if (input.isDefault) await repo.update({ memberId }, { isDefault: false });
      return toAddressView(await repo.save(repo.create({ ...input, memberId, isDefault: input.isDefault === true })));
    });
  }

  async update(memberId: number, id: number, input: AddressInput): Promise<AddressView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Address);
      if (!(await repo.existsBy({ id, memberId }))) throw AppError.notFound('地址');
      if (input.isDefault) await repo.update({ memberId }, { isDefault: false });
      await repo.update(
        { id, memberId },
        { name: input.name, phone: input.phone, region: input.region, detail: input.detail, isDefault: input.isDefault === true },
      );
      return toAddressView(await repo.findOneByOrFail({ id }));
    });
  }

  async remove(memberId: number, id: number): Promise<void> {
    const r = await this.dataSource.getRepository(Address).delete({ id, memberId });
    if (!r.affected) throw AppError.notFound('地址');
  }
}
