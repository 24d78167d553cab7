import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobRunner } from '../common/jobs/job-runner';
import { CouponService } from './coupon.service';

@Injectable()
export class CouponJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly coupons: CouponService,
  ) {}

  /** available → expired for coupons past their end (a conditional transition; overlapping runs are harmless). */
  @Interval('coupon-expiry', 3600_000)
  expire(): Promise<void> {
    return this.jobs.run('coupon-expiry', async () => ({ expired: await this.coupons.expire(new Date()) }));
  }
}
