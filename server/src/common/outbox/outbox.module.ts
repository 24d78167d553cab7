import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxJobs } from './outbox.jobs';
import { OutboxService } from './outbox.service';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([OutboxEvent])], providers: [OutboxService, OutboxJobs], exports: [OutboxService] })
export class OutboxModule {}
