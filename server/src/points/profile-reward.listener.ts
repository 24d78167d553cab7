import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEventMap } from '../common/events/domain-events';
import { PointsRewardsService } from './points-rewards.service';

/** The member module announces a completed profile; points grant the profile reward (once, by key). */
@Injectable()
export class ProfileRewardListener {
  constructor(private readonly rewards: PointsRewardsService) {}

  @OnEvent('member.profile_completed', { suppressErrors: false })
  async onProfileCompleted(event: DomainEventMap['member.profile_completed']): Promise<void> {
    await this.rewards.rewardProfileCompletion(event.memberId);
  }
}
