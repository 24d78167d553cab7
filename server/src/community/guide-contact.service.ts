import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { BindingService } from '../store/binding.service';
import { GuideContactWay } from './community.entity';
import { WecomApiClient } from './wecom/wecom-api.client';

/** The WeCom userid of a staff account (accounts are mapped 1:1 onto WeCom members by this convention). */
export const wecomUserIdOf = (staffAccountId: number) => `staff${staffAccountId}`;

/** Each guide's WeCom 联系我 code (add_contact_way), made once and kept; members of their store reach it from 我的导购. */
@Injectable()
export class GuideContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wecom: WecomApiClient,
    private readonly bindings: BindingService,
  ) {}

  async forStaff(staffAccountId: number): Promise<GuideContactWay> {
    const known = await this.dataSource.getRepository(GuideContactWay).findOneBy({ staffAccountId });
    if (known) return known;
    if (!this.wecom.enabled) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '未配置企业微信');
    const way = await this.wecom.addContactWay(wecomUserIdOf(staffAccountId), `guide${staffAccountId}`);
    // Two first requests at once: the unique key keeps one; both answer with the kept one.
    await insertIgnore(this.dataSource.manager, GuideContactWay, { staffAccountId, configId: way.configId, qrCode: way.qrCode });
    return this.dataSource.getRepository(GuideContactWay).findOneByOrFail({ staffAccountId });
  }

  /** The 联系我 code of the member's own guide; 404 when the member has none. */
  async forMember(memberId: number): Promise<GuideContactWay> {
    const binding = await this.bindings.bindingOf(memberId);
    if (!binding?.staffAccountId) throw AppError.notFound('专属导购');
    return this.forStaff(binding.staffAccountId);
  }
}
