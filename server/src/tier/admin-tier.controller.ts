import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, validateTiers } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { BenefitService } from '../benefit/benefit.service';
import { BenefitSourceRegistry } from '../benefit/benefit-source';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { TierDto, TierSettingsDto, UpdateTierDto } from './dto/tier.dto';
import { GrowthService } from './growth.service';
import { MemberCardService } from './member-card.service';
import { TierSetting } from './tier-setting.entity';
import { Tier } from './tier.entity';
import { toTierSummary } from './tier.service';
import type { AdminTierList, BenefitMatrix, TierSaveResult, TierSettingsView } from '@mall/shared';

/** Operators recommend at most four tiers; more is allowed but flagged. */
export const RECOMMENDED_MAX_TIERS = 4;

function toTierSettingsView(s: TierSetting): TierSettingsView {
  return {
    id: s.id,
    growthPerYuan: s.growthPerYuan,
    growthFromRecharge: s.growthFromRecharge,
    keepMonths: s.keepMonths,
    trailingMonths: s.trailingMonths,
    updatedAt: s.updatedAt.toISOString(),
  };
}

@ApiTags('admin: tiers')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin')
export class AdminTierController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly growth: GrowthService,
    private readonly cards: MemberCardService,
    private readonly benefits: BenefitService,
    private readonly audit: AuditService,
    private readonly sources: BenefitSourceRegistry,
  ) {}

  @Get('tiers')
  async list(): Promise<AdminTierList> {
    const tiers = await this.dataSource.getRepository(Tier).find({ order: { level: 'ASC' } });
    return { items: tiers.map(toTierSummary), warnings: this.warnings(tiers) };
  }

  @Post('tiers')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: TierDto): Promise<TierSaveResult> {
    return this.save(caller, null, dto);
  }

  @Patch('tiers/:id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTierDto): Promise<TierSaveResult> {
    return this.save(caller, id, dto);
  }

  @Get('tier-settings')
  async settings(): Promise<TierSettingsView> {
    return toTierSettingsView(await this.growth.settings());
  }

  @Put('tier-settings')
  async putSettings(@CurrentAccount() caller: AccountPrincipal, @Body() dto: TierSettingsDto) {
    const settings = await this.growth.updateSettings(dto);
    await this.audit.record(caller, 'tier_settings.update', { type: 'tier_settings', id: 1 }, { ...dto });
    return toTierSettingsView(settings);
  }

  /** Source (tiers, paid plans …) × benefit matrix for the admin grid. */
  @Get('benefit-matrix')
  async matrix(): Promise<BenefitMatrix> {
    const [sources, benefits] = await Promise.all([this.sources.catalogue(), this.benefits.catalogue()]);
    return {
      sources,
      benefits: benefits.map((b) => ({ id: b.id, name: b.name, label: b.label, text: b.text, enabled: b.enabled })),
      cells: benefits.flatMap((b) => b.attachedTo.map((a) => ({ benefitId: b.id, sourceType: a.type, sourceId: a.id }))),
    };
  }

  /** "What would member X get": the card as the member sees it. */
  @Get('members/:id/card')
  preview(@Param('id', ParseIntPipe) id: number) {
    return this.cards.card(id);
  }

  @Post('tiers/evaluate')
  @Roles('admin')
  evaluate() {
    return this.growth.evaluateDue(new Date());
  }

  private warnings(tiers: Tier[]): string[] {
    const out = validateTiers(tiers);
    if (tiers.length > RECOMMENDED_MAX_TIERS) out.push(`建议不超过 ${RECOMMENDED_MAX_TIERS} 个等级，当前 ${tiers.length} 个`);
    return out;
  }

  private async save(caller: AccountPrincipal, id: number | null, dto: Partial<TierDto>) {
    const saved = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Tier);
      let tier: Tier;
      try {
        if (id === null) tier = await repo.save(repo.create(dto));
        else {
          if (!(await repo.existsBy({ id }))) throw AppError.notFound('等级');
          await repo.update({ id }, dto);
          tier = await repo.findOneByOrFail({ id });
        }
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError(ErrorCode.CONFLICT, `等级 ${dto.level} 已存在`);
        throw error;
      }
      const all = await repo.find({ order: { level: 'ASC' } });
      const problems = validateTiers(all);
      if (problems.length) throw new AppError(ErrorCode.TIER_CONFIG_INVALID, `等级配置不合法：${problems[0]}`, { problems });
      await this.audit.record(caller, id === null ? 'tier.create' : 'tier.update', { type: 'tier', id: tier.id }, { ...dto }, manager);
      return { tier: toTierSummary(tier), warnings: this.warnings(all) };
    });
    this.growth.tiersChanged();
    return saved;
  }
}
