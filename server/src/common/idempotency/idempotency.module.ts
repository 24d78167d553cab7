import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IdempotencyService } from './idempotency.service';
import { IdempotencyJobs } from './idempotency.jobs';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  // The interceptor is bound per route by @Idempotent(), so requests to other routes never enter it.
  providers: [IdempotencyService, IdempotencyJobs],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
