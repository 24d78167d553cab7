import { Injectable } from '@nestjs/common';
import type { BenefitSource } from '@mall/shared';

/** Tells which benefit sources a member holds right now (their tier; later paid plans, campaigns). */
export interface BenefitSourceProvider {
  activeSources(memberId: number, at: Date): Promise<BenefitSource[]>;
  /** Every source it offers (for the admin source × benefit matrix). */
  catalogue?(): Promise<BenefitSource[]>;
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

  async sourcesFor(memberId: number, at: Date): Promise<BenefitSource[]> {
    return (await Promise.all(this.providers.map((p) => p.activeSources(memberId, at)))).flat();
  }
}
