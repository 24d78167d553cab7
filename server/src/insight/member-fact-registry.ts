import { Global, Injectable, Module } from '@nestjs/common';
import type { MemberFacts } from '@mall/shared';

/** What one domain knows about members, for the facts segments look at (its own tables, read in batches). */
export interface MemberFactContributor {
  /** Facts for these members at `now`; members it knows nothing about may be left out. */
  factsFor(memberIds: number[], now: Date): Promise<Map<number, Partial<MemberFacts>>>;
}

/** Domains register their contributors here; the insight module asks all of them when it refreshes facts. */
@Injectable()
export class MemberFactRegistry {
  private readonly contributors: { name: string; contributor: MemberFactContributor }[] = [];

  register(name: string, contributor: MemberFactContributor): void {
    this.contributors.push({ name, contributor });
  }

  /** Merged in registration order; a later contributor's non-null value wins. */
  async collect(memberIds: number[], now: Date): Promise<Map<number, Partial<MemberFacts>>> {
    const merged = new Map<number, Partial<MemberFacts>>(memberIds.map((id) => [id, {}]));
    const parts = await Promise.all(this.contributors.map(({ contributor }) => contributor.factsFor(memberIds, now)));
    for (const part of parts) {
      for (const [memberId, facts] of part) {
        const into = merged.get(memberId);
        if (!into) continue;
        for (const [key, value] of Object.entries(facts)) if (value !== null && value !== undefined) (into as Record<string, unknown>)[key] = value;
      }
    }
    return merged;
  }
}

@Global()
@Module({ providers: [MemberFactRegistry], exports: [MemberFactRegistry] })
export class MemberFactRegistryModule {}
