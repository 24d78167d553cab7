import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { BehaviourService } from './behaviour.service';
import { MemberFactService } from './member-fact.service';

@Injectable()
export class InsightJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly facts: MemberFactService,
    private readonly behaviour: BehaviourService,
  ) {}

  /** Nightly (03:30 Beijing): trailing windows and lifecycle move with time. Idempotent, harmless twice. */
  @Cron('0 30 3 * * *', { name: 'member-facts', timeZone: 'Asia/Shanghai' })
  refresh(): Promise<void> {
    return this.jobs.run('member-facts', () => this.facts.refreshAll(new Date()));
  }

  @Cron('0 10 4 * * *', { name: 'member-events-retention', timeZone: 'Asia/Shanghai' })
  purge(): Promise<void> {
    return this.jobs.run('member-events-retention', () => this.behaviour.purgeOld(new Date()));
  }
}
