import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Decides, in the order's transaction, whether a programme (the KOC programme) rewards this invitee's referral itself. */
export type ReferralOwner = (manager: EntityManager, inviteeId: number) => Promise<boolean>;

/**
 * The plain referral reward (referralPoints for the invitee's first order) is the default; a programme that bound the invitee
 * registers here and then pays the referral on its own terms, so the inviter is never rewarded twice.
 */
@Injectable()
export class ReferralProgrammes {
  private readonly owners: ReferralOwner[] = [];

  register(owner: ReferralOwner): void {
    this.owners.push(owner);
  }

  async owned(manager: EntityManager, inviteeId: number): Promise<boolean> {
    for (const owner of this.owners) if (await owner(manager, inviteeId)) return true;
    return false;
  }
}
