import { judgeReplica } from './read-replica';

const row = (over: Record<string, string | number | null> = {}) => ({ Slave_IO_Running: 'Yes', Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 0, ...over });

describe('judgeReplica: bounded staleness', () => {
  it.each([
    ['in sync', [row()], true, null],
    ['lagging within the limit', [row({ Seconds_Behind_Master: 5 })], true, null],
    ['lagging beyond the limit', [row({ Seconds_Behind_Master: 6 })], false, /6 s behind/],
    ['IO thread stopped', [row({ Slave_IO_Running: 'Connecting' })], false, /replication stopped/],
    ['SQL thread stopped', [row({ Slave_SQL_Running: 'No', Seconds_Behind_Master: null })], false, /replication stopped/],
    ['lag unknown', [row({ Seconds_Behind_Master: null })], false, /lag unknown/],
    ['not a replica', [], false, /not a replica/],
    ['MySQL 8 field names', [{ Replica_IO_Running: 'Yes', Replica_SQL_Running: 'Yes', Seconds_Behind_Source: 1 }], true, null],
  ])('%s', (_label, rows, ok, reason) => {
    const verdict = judgeReplica(rows, 5);
    expect(verdict.ok).toBe(ok);
    if (reason) expect(verdict.reason).toMatch(reason);
    else expect(verdict.reason).toBeNull();
  });
});
