import { Injectable } from '@nestjs/common';
import type { BenefitSource } from '@mall/shared';

/**
 * What the caller already read about the member in this request, so a provider need not read it again
 * (the member card and checkout read the member's tier row themselves).
 */
export interface KnownMemberFacts {
  tierLevel?: number;
}

/** Tells which benefit sources a member holds right now (their tier; later paid plans, campaigns). */
export interface BenefitSourceProvider {
  activeSources(memberId: number, at: Date, known?: KnownMemberFacts): Promise<BenefitSource[]>;
  /** Every source it offers (for the admin source × benefit matrix). */
  catalogue?(): Promise<BenefitSource[]>;
  /** Members holding `source` at `at`, ascending ids after `afterId` (for periodic grants such as monthly packs). */
  membersOf?(source: BenefitSource, afterId: number, limit: number, at: Date): Promise<number[]>;
}

@Injectable()
export class BenefitSourceRegistry {
  private readonly providers: BenefitSourceProvider[] = [];

  register(provider: BenefitSourceProvider): void {
    this.providers.push(provider);
  }

  async catalogue(): Promise<BenefitSource[]> {
    return (await Promise.all(this.providers.map((p) => p.catalogue?.() ?? Promise.resolve([])))).flat();
  }

  /** Members who hold `source` at `at`, in ascending id pages, asked of the provider that offers it. */
  async membersOf(source: BenefitSource, afterId: number, limit: number, at: Date): Promise<number[]> {
    for (const provider of this.providers) {
      if (!provider.membersOf || !(await provider.catalogue?.())?.some((s) => s.type === source.type && s.id === source.id)) continue;
      return provider.membersOf(source, afterId, limit, at);
    }
    return [];
  }

  async sourcesFor(memberId: number, at: Date, known: KnownMemberFacts = {}): Promise<BenefitSource[]> {
    return (await Promise.all(this.providers.map((p) => p.activeSources(memberId, at, known)))).flat();
  }
}
