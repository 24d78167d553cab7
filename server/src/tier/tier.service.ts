import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TierSummary } from '@mall/shared';
import { Tier } from './tier.entity';

export function toTierSummary(tier: Tier): TierSummary {
  return {
    id: tier.id,
    level: tier.level,
    name: tier.name,
    growthThreshold: tier.growthThreshold,
    color: tier.color,
    description: tier.description,
  };
}

@Injectable()
export class TierService {
  constructor(@InjectRepository(Tier) private readonly tiers: Repository<Tier>) {}

  list(): Promise<Tier[]> {
    return this.tiers.find({ order: { level: 'ASC' } });
  }
}
