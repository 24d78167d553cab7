import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TierSummary } from '@mall/shared';
import { Public } from '../common/auth/auth.decorators';
import { TierService, toTierSummary } from './tier.service';

@ApiTags('tiers')
@Public()
@Controller('api/tiers')
export class TierController {
  constructor(private readonly tiers: TierService) {}

  @Get()
  async list(): Promise<TierSummary[]> {
    return (await this.tiers.list()).map(toTierSummary);
  }
}
