import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { beijingDate, type CodeWarning } from '@mall/shared';
import { insertIgnore } from '../database/insert-ignore';
import { CommunityGroupService } from './community-group.service';
import { CommunityJobRun } from './community.entity';
import { GroupCodeService } from './group-code.service';

export interface WarningDigest {
  day: string;
  sentAt: string;
  total: number;
  groups: { groupId: number; groupName: string; warnings: CodeWarning[] }[];
}

const JOB = 'warning_digest';

/**
 * The daily warning list pushed to ops: codes expiring within 24 h and low or empty pools, as one
 * admin notification per Beijing day. The day's row is the claim (a unique key), so two timers or two
 * instances send it once; the admin bell reads the latest lists.
 */
@Injectable()
export class WarningDigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: CommunityGroupService,
    private readonly codes: GroupCodeService,
  ) {}

  /** Sends today's list unless it was sent already; null when it was. */
  async sendDaily(now = new Date()): Promise<WarningDigest | null> {
    const day = beijingDate(now);
    if (await this.dataSource.getRepository(CommunityJobRun).existsBy({ job: JOB, runKey: day })) return null;
    const groups = await this.codes.warningsFor(await this.groups.open(now), now);
    const digest: WarningDigest = { day, sentAt: now.toISOString(), total: groups.reduce((n, g) => n + g.warnings.length, 0), groups };
    const sent = await insertIgnore(this.dataSource.manager, CommunityJobRun, { job: JOB, runKey: day, summary: JSON.stringify(digest) });
    return sent ? digest : null;
  }

  /** The latest daily lists, newest first. */
  async latest(limit = 14): Promise<WarningDigest[]> {
    const rows = await this.dataSource.getRepository(CommunityJobRun).find({ where: { job: JOB }, order: { runKey: 'DESC' }, take: limit });
    return rows.map((r) => JSON.parse(r.summary ?? 'null') as WarningDigest).filter((d) => d !== null);
  }
}
