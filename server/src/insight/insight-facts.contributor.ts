import { Injectable, OnModuleInit } from '@nestjs/common';
import type { MemberFacts } from '@mall/shared';
import { BehaviourService } from './behaviour.service';
import { MemberFactRegistry, type MemberFactContributor } from './member-fact-registry';

/** Last activity and favourites, from the insight module's own tables. */
@Injectable()
export class InsightFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    private readonly registry: MemberFactRegistry,
    private readonly behaviour: BehaviourService,
  ) {}

  onModuleInit(): void {
    this.registry.register('insight', this);
  }

  async factsFor(memberIds: number[]): Promise<Map<number, Partial<MemberFacts>>> {
    const [active, favourites] = await Promise.all([this.behaviour.lastActive(memberIds), this.behaviour.favouriteCounts(memberIds)]);
    return new Map(memberIds.map((id) => [id, { lastActiveAt: active.get(id) ?? null, favouriteCount: favourites.get(id) ?? 0 }]));
  }
}
