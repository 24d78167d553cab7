import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { validateSegment, type FactField, type SegmentGroup } from '@mall/shared';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { memberDisplayName, MemberService } from '../member/member.service';
import { MemberEvent, MemberFact, MemberTag, Segment, parseDefinition } from './insight.entity';
import { compileSegment } from './segment-sql';
import { ReadReplica } from '../database/read-replica';

export interface SegmentSampleMember {
  memberId: number;
  nickname: string;
  lifecycle: string;
  orderCount: number;
  spendFen: number;
  lastOrderAt: Date | null;
}

/** Saved segments, and counting, sampling and streaming the members a definition selects (one SQL query). */
@Injectable()
export class SegmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberService,
    private readonly replica: ReadReplica,
  ) {}

  /** Refuses an invalid definition with every problem listed (400). */
  assertValid(definition: unknown): SegmentGroup {
    const errors = validateSegment(definition);
    if (errors.length > 0)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `分群条件有误：${errors[0].message}`, {
        fields: errors.map((e) => ({ field: e.path, errors: [e.message] })),
      });
    return definition as SegmentGroup;
  }

  /** member_fact rows the definition selects, as a query builder (alias f); on the replica inside count() and preview(). */
  query(definition: SegmentGroup, now = new Date()): SelectQueryBuilder<MemberFact> {
    const meta = this.dataSource.getMetadata(MemberFact);
    const compiled = compileSegment(definition, now, {
      factColumn: (field: FactField) => meta.findColumnWithPropertyName(field)!.databaseName,
      memberId: meta.findColumnWithPropertyName('memberId')!.databaseName,
      eventTable: this.dataSource.getMetadata(MemberEvent).tableName,
      tagTable: this.dataSource.getMetadata(MemberTag).tableName,
    });
    return this.replica.manager().getRepository(MemberFact).createQueryBuilder('f').where(compiled.where, compiled.params);
  }

  /** Audience sizes are estimates shown to staff: the replica may answer (campaign runs page ids from the primary). */
  async count(definition: SegmentGroup, now = new Date()): Promise<number> {
    return this.replica.read(() => this.query(definition, now).getCount());
  }

  async memberIds(definition: SegmentGroup, now = new Date()): Promise<number[]> {
    const rows = await this.query(definition, now).select('f.member_id', 'memberId').orderBy('f.member_id', 'ASC').getRawMany<{ memberId: number }>();
    return rows.map((r) => Number(r.memberId));
  }

  /** Member ids after `afterId` in ascending pages (campaign runs and CSV export walk them this way). */
  async memberIdsPage(definition: SegmentGroup, afterId: number, limit: number, now = new Date()): Promise<number[]> {
    const rows = await this.query(definition, now)
      .andWhere('f.member_id > :afterId', { afterId })
      .select('f.member_id', 'memberId')
      .orderBy('f.member_id', 'ASC')
      .limit(limit)
      .getRawMany<{ memberId: number }>();
    return rows.map((r) => Number(r.memberId));
  }

  /** When each member entered their current lifecycle stage. */
  async lifecycleSince(memberIds: number[]): Promise<Map<number, Date>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(MemberFact).find({ select: { memberId: true, lifecycleSince: true }, where: { memberId: In(memberIds) } });
    return new Map(rows.map((r) => [r.memberId, r.lifecycleSince]));
  }

  async preview(definition: SegmentGroup, now = new Date()): Promise<{ count: number; sample: SegmentSampleMember[] }> {
    const [count, facts] = await Promise.all([
      this.count(definition, now),
      this.replica.read(() => this.query(definition, now).orderBy('f.member_id', 'DESC').take(10).getMany()),
    ]);
    const members = await this.members.byIds(facts.map((f) => f.memberId));
    return {
      count,
      sample: facts.map((f) => ({
        memberId: f.memberId,
        nickname: memberDisplayName(f.memberId, members.get(f.memberId)?.nickname),
        lifecycle: f.lifecycle,
        orderCount: f.orderCount,
        spendFen: f.spendFen,
        lastOrderAt: f.lastOrderAt,
      })),
    };
  }

  async list(): Promise<(Segment & { parsed: SegmentGroup })[]> {
    const rows = await this.dataSource.getRepository(Segment).find({ order: { id: 'DESC' } });
    return rows.map((s) => Object.assign(s, { parsed: parseDefinition(s) }));
  }

  async get(id: number): Promise<Segment> {
    const segment = await this.dataSource.getRepository(Segment).findOneBy({ id });
    if (!segment) throw AppError.notFound('分群');
    return segment;
  }

  async save(input: { id?: number; name: string; definition: unknown; accountId: number }): Promise<Segment> {
    const definition = this.assertValid(input.definition);
    const repo = this.dataSource.getRepository(Segment);
    if (input.id) {
      const existing = await this.get(input.id);
      await repo.update({ id: existing.id }, { name: input.name, definition: JSON.stringify(definition) });
      return this.get(existing.id);
    }
    return repo.save(repo.create({ name: input.name, definition: JSON.stringify(definition), createdByAccountId: input.accountId }));
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.dataSource.getRepository(Segment).delete({ id });
  }
}
