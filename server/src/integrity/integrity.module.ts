import { Module } from '@nestjs/common';
import { LedgerAuditService } from './ledger-audit.service';

/** Whole-database invariant checks (read-only): `node dist/cli.js audit-ledger`, and the tests. */
@Module({ providers: [LedgerAuditService], exports: [LedgerAuditService] })
export class IntegrityModule {}
