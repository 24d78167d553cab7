import { LedgerAuditService, type AuditReport } from '@mall/server/integrity/ledger-audit.service';
import type { TestApp } from './test-app';

/** Runs the whole-database ledger audit; fails the test with every violation listed when it does not pass. */
export async function expectLedgerAuditPasses(t: TestApp): Promise<AuditReport> {
  const report = await t.app.get(LedgerAuditService).run();
  if (!report.ok) throw new Error(`ledger audit failed:\n${report.violations.map((v) => `  ${v.check} · ${v.subject}: ${v.detail}`).join('\n')}`);
  return report;
}
