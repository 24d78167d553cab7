import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from '../../database/snake-naming.strategy';
import { JobLease } from './job-lease.entity';
import { JobLeases } from './job-lease.service';
import { JobRunner } from './job-runner';

/** The lease on an in-memory SQLite file (the MariaDB case, with two apps, is test/e2e/multi-instance.e2e.ts). */
describe('JobLeases', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [JobLease],
      namingStrategy: new SnakeNamingStrategy(),
      synchronize: true,
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());
  beforeEach(() => dataSource.getRepository(JobLease).clear());

  it('gives a free lease to one instance; the other gets it only after a release or an expiry', async () => {
    const a = new JobLeases(dataSource);
    const b = new JobLeases(dataSource);
    const t0 = new Date('2026-11-26T10:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await a.acquire('job', 60_000, t0)).toBe(true);
    expect(await b.acquire('job', 60_000, at(1_000))).toBe(false);
    // The holder may renew; the other may not.
    expect(await a.renew('job', 60_000, at(30_000))).toBe(true);
    expect(await b.renew('job', 60_000, at(30_000))).toBe(false);
    expect(await b.acquire('job', 60_000, at(65_000))).toBe(false);
    // a crashes: nobody renews; at 90 s its lease has expired and b takes over.
    expect(await b.acquire('job', 60_000, at(90_000))).toBe(true);
    expect(await dataSource.getRepository(JobLease).findOneByOrFail({ name: 'job' })).toMatchObject({ owner: b.owner });
    expect(await a.renew('job', 60_000, at(91_000))).toBe(false);
    await b.release('job', at(100_000));
    expect(await a.acquire('job', 60_000, at(100_000))).toBe(true);
    // A lease is per job name.
    expect(await b.acquire('other-job', 60_000, at(100_000))).toBe(true);
  });

  it('lets exactly one of many concurrent takers have a new lease', async () => {
    const takers = Array.from({ length: 5 }, () => new JobLeases(dataSource));
    const results = await Promise.all(takers.map((t) => t.acquire('fresh', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('JobRunner: of two runners with the job at once one does the work; a non-exclusive job runs on both', async () => {
    const runners = [new JobRunner(new JobLeases(dataSource)), new JobRunner(new JobLeases(dataSource))];
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await Promise.all(runners.map((r) => r.run('once', work)));
    expect(runs).toBe(1);
    // Released after: the next round runs again (on whichever instance gets the lease).
    await runners[1].run('once', work);
    expect(runs).toBe(2);
    runs = 0;
    await Promise.all(runners.map((r) => r.run('local', work, { exclusive: false })));
    expect(runs).toBe(2);
  });

  it('JobRunner: a lease is renewed while a long job runs, so nobody else starts it', async () => {
    const [a, b] = [new JobRunner(new JobLeases(dataSource), 150), new JobRunner(new JobLeases(dataSource), 150)];
    let runs = 0;
    const slow = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    };
    const first = a.run('slow', slow);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.run('slow', slow);
    await first;
    expect(runs).toBe(1);
  });
});
