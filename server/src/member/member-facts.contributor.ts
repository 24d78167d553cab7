import { Injectable, OnModuleInit } from '@nestjs/common';
import { registerChannelOf, type MemberFacts } from '@mall/shared';
import { MemberFactRegistry, type MemberFactContributor } from '../insight/member-fact-registry';
import { MemberService } from './member.service';

/** 上海市 静安区 → ['上海市', '静安区']; a single word is the province. */
export function splitRegion(region: string | null | undefined): { province: string | null; city: string | null } {
  const parts = (region ?? '').trim().split(/\s+/).filter(Boolean);
  return { province: parts[0] ?? null, city: parts[1] ?? null };
}

@Injectable()
export class MemberFactsContributor implements MemberFactContributor, OnModuleInit {
  constructor(
    private readonly registry: MemberFactRegistry,
    private readonly members: MemberService,
  ) {}

  onModuleInit(): void {
    this.registry.register('member', this);
  }

  async factsFor(memberIds: number[]): Promise<Map<number, Partial<MemberFacts>>> {
    const members = await this.members.byIds(memberIds);
    return new Map(
      [...members.values()].map((m) => [
        m.id,
        {
          registeredAt: m.createdAt,
          gender: m.gender,
          birthdayMonth: m.birthday ? Number(m.birthday.slice(5, 7)) : null,
          sourceChannel: registerChannelOf(m.registerScene),
          ...splitRegion(m.region),
        },
      ]),
    );
  }
}
