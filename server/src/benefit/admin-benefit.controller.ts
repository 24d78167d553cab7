import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { BenefitService } from './benefit.service';
import { AttachmentDto, CreateBenefitDto, ReviseBenefitDto, ToggleBenefitDto } from './dto/benefit.dto';
import type { AdminBenefitView, BenefitRecord, BenefitRevisionResult } from '@mall/shared';

@ApiTags('admin: benefits')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin')
export class AdminBenefitController {
  constructor(
    private readonly benefits: BenefitService,
    private readonly audit: AuditService,
  ) {}

  @Get('benefits')
  async list(): Promise<{ items: AdminBenefitView[] }> {
    return { items: await this.benefits.catalogue() };
  }

  @Post('benefits')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CreateBenefitDto): Promise<BenefitRecord> {
    const b = await this.benefits.create(dto, caller.id);
    await this.audit.record(caller, 'benefit.create', { type: 'benefit', id: b.id }, { ...dto });
    return {
      id: b.id,
      type: b.type,
      name: b.name,
      description: b.description,
      enabled: b.enabled,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
    };
  }

  /** Changing parameters adds a version effective from a time; nothing already priced changes. */
  @Post('benefits/:id/versions')
  async revise(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ReviseBenefitDto,
  ): Promise<BenefitRevisionResult> {
    const version = await this.benefits.revise(id, dto.spec, dto.effectiveFrom ? new Date(dto.effectiveFrom) : new Date(), caller.id);
    await this.audit.record(caller, 'benefit.revise', { type: 'benefit', id }, { ...dto, version: version.version });
    return { benefitId: id, version: version.version, effectiveFrom: version.effectiveFrom.toISOString() };
  }

  @Patch('benefits/:id')
  @HttpCode(204)
  async toggle(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ToggleBenefitDto) {
    await this.benefits.setEnabled(id, dto.enabled);
    await this.audit.record(caller, 'benefit.toggle', { type: 'benefit', id }, { ...dto });
  }

  @Post('benefit-attachments')
  @HttpCode(204)
  async attach(@CurrentAccount() caller: AccountPrincipal, @Body() dto: AttachmentDto) {
    await this.benefits.attach({ type: dto.sourceType, id: dto.sourceId }, dto.benefitId);
    await this.audit.record(caller, 'benefit.attach', { type: 'benefit', id: dto.benefitId }, { ...dto });
  }

  @Delete('benefit-attachments')
  @HttpCode(204)
  async detach(@CurrentAccount() caller: AccountPrincipal, @Body() dto: AttachmentDto) {
    await this.benefits.detach({ type: dto.sourceType, id: dto.sourceId }, dto.benefitId);
    await this.audit.record(caller, 'benefit.detach', { type: 'benefit', id: dto.benefitId }, { ...dto });
  }
}
