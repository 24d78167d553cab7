import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from './audit-log.entity';
import { AuditService } from './audit.service';
import { AdminAuditController } from './admin-audit.controller';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditLog])], controllers: [AdminAuditController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
