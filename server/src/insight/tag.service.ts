import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  LIFECYCLE_LABELS,
  REPURCHASE_STAGE_LABELS,
  RFM_LABELS,
  VISIT_SOURCE_LABELS,
  type LifecycleStage,
  type RepurchaseStage,
  type RfmBand,
} from '@mall/shared';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { OutboxService } from '../common/outbox/outbox.service';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { MemberTag, Tag, TagGroup } from './insight.entity';

const SYSTEM_GROUPS: Record<string, string> = {
  lifecycle: '生命周期',
  rfm: 'RFM 分层',
  svip: '会员身份',
  stored_value: '会员身份',
  source: '来源渠道',
  repurchase: '复购周期',
};
const SOURCE_LABELS: Record<string, string> = VISIT_SOURCE_LABELS;

/** The Chinese name of a system tag key, e.g. lifecycle:dormant → 沉睡. */
export function systemTagName(key: string): string {
  const [kind, value] = key.split(':');
  if (kind === 'lifecycle') return LIFECYCLE_LABELS[value as LifecycleStage] ?? value;
  if (kind === 'rfm') return RFM_LABELS[value as RfmBand] ?? value;
  if (kind === 'repurchase') return REPURCHASE_STAGE_LABELS[value as RepurchaseStage] ?? value;
  if (kind === 'source') return `来源:${SOURCE_LABELS[value] ?? value}`;
  if (kind === 'svip') return '付费会员';
  if (kind === 'stored_value') return '储值会员';
  return key;
}

export interface TagAssignResult {
  tagged: number;
  alreadyTagged: number;
  unknown: string[];
}

/** Tags and tag groups; system tags follow the facts, manual ones are put on by ops (bulk) or staff. */
@Injectable()
export class TagService {
  private systemTagIds = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberService,
    private readonly outbox: OutboxService,
  ) {}

  /** A member's tag change and its `member.tags_changed` event commit together (community eligibility listens). */
  private async changeTags(memberId: number, change: (manager: EntityManager) => Promise<{ added: number[]; removed: number[] }>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const { added, removed } = await change(manager);
      if (added.length === 0 && removed.length === 0) return false;
      await this.outbox.publish(manager, 'member.tags_changed', { memberId, added, removed });
      return true;
    });
  }

  private async groupId(name: string): Promise<number> {
    await insertIgnore(this.dataSource.manager, TagGroup, { name });
    return (await this.dataSource.getRepository(TagGroup).findOneByOrFail({ name })).id;
  }

  /** Ids of system tags by key, created on first use (a unique key, so two instances create one). */
  async systemTags(keys: string[]): Promise<Map<string, number>> {
    const missing = keys.filter((k) => !this.systemTagIds.has(k));
    if (missing.length > 0) {
      for (const key of [...new Set(missing)]) {
        const groupId = await this.groupId(SYSTEM_GROUPS[key.split(':')[0]] ?? '系统');
        await insertIgnore(this.dataSource.manager, Tag, { groupId, name: systemTagName(key), kind: 'system', systemKey: key, staffAssignable: false });
      }
      const rows = await this.dataSource.getRepository(Tag).findBy({ systemKey: In([...new Set(missing)]) });
      for (const row of rows) this.systemTagIds.set(row.systemKey!, row.id);
    }
    return new Map(keys.map((k) => [k, this.systemTagIds.get(k)!]));
  }

  /** Puts exactly these system tags on each member: adds the new, removes the ones that no longer hold. */
  async syncSystemTags(members: { memberId: number; keys: string[] }[]): Promise<void> {
    const ids = await this.systemTags(members.flatMap((m) => m.keys));
    const allSystemIds = [...this.systemTagIds.values()];
    const memberIds = members.map((m) => m.memberId);
    const current = await this.dataSource.getRepository(MemberTag).findBy({ memberId: In(memberIds), source: 'system' });
    const have = new Set(current.map((r) => `${r.memberId}:${r.tagId}`));
    const want = new Set(members.flatMap((m) => m.keys.map((k) => `${m.memberId}:${ids.get(k)}`)));
    const stale = current.filter((r) => !want.has(`${r.memberId}:${r.tagId}`) && allSystemIds.includes(r.tagId));
    const changes = new Map<number, { add: number[]; remove: number[] }>();
    const changeOf = (memberId: number) => changes.get(memberId) ?? changes.set(memberId, { add: [], remove: [] }).get(memberId)!;
    for (const row of stale) changeOf(row.memberId).remove.push(row.tagId);
    for (const key of want) {
      if (have.has(key)) continue;
      const [memberId, tagId] = key.split(':').map(Number);
      changeOf(memberId).add.push(tagId);
    }
    for (const [memberId, { add, remove }] of changes) {
      await this.changeTags(memberId, async (manager) => {
        const removed: number[] = [];
        for (const tagId of remove) if ((await manager.getRepository(MemberTag).delete({ memberId, tagId, source: 'system' })).affected) removed.push(tagId);
        const added: number[] = [];
        for (const tagId of add) if (await insertIgnore(manager, MemberTag, { memberId, tagId, source: 'system', byAccountId: null })) added.push(tagId);
        return { added, removed };
      });
    }
  }

  async groups(): Promise<TagGroup[]> {
    return this.dataSource.getRepository(TagGroup).find({ order: { id: 'ASC' } });
  }

  async createGroup(name: string): Promise<TagGroup> {
    if (await this.dataSource.getRepository(TagGroup).findOneBy({ name })) throw new AppError(ErrorCode.CONFLICT, `标签组「${name}」已存在`);
    return this.dataSource.getRepository(TagGroup).save({ name });
  }

  /** Tags with how many members carry each. */
  async list(): Promise<(Tag & { memberCount: number })[]> {
    const tags = await this.dataSource.getRepository(Tag).find({ order: { groupId: 'ASC', id: 'ASC' } });
    const counts: { tagId: number; n: string }[] = await this.dataSource
      .getRepository(MemberTag)
      .createQueryBuilder('t')
      .select('t.tag_id', 'tagId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.tag_id')
      .getRawMany();
    const byTag = new Map(counts.map((c) => [Number(c.tagId), Number(c.n)]));
    return tags.map((t) => Object.assign(t, { memberCount: byTag.get(t.id) ?? 0 }));
  }

  async create(input: { groupId: number; name: string; staffAssignable: boolean }): Promise<Tag> {
    if (input.groupId !== 0 && !(await this.dataSource.getRepository(TagGroup).findOneBy({ id: input.groupId }))) throw AppError.notFound('标签组');
    const inserted = await insertIgnore(this.dataSource.manager, Tag, { ...input, kind: 'manual', systemKey: null });
    if (!inserted) throw new AppError(ErrorCode.CONFLICT, `标签「${input.name}」已存在`);
    return this.dataSource.getRepository(Tag).findOneByOrFail({ groupId: input.groupId, name: input.name });
  }

  async manualTag(id: number, options: { staff?: boolean } = {}): Promise<Tag> {
    const tag = await this.dataSource.getRepository(Tag).findOneBy({ id });
    if (!tag) throw AppError.notFound('标签');
    if (tag.kind !== 'manual') throw new AppError(ErrorCode.VALIDATION_FAILED, '系统标签由系统维护，不能手动设置');
    if (options.staff && !tag.staffAssignable) throw new AppError(ErrorCode.FORBIDDEN, '该标签不允许导购设置');
    return tag;
  }

  /** Bulk: by member ids and/or phone numbers; unknown ones are reported, not fatal. */
  async assign(
    tagId: number,
    input: { memberIds?: number[]; phones?: string[] },
    by: { accountId: number; source: 'ops' | 'staff' },
  ): Promise<TagAssignResult> {
    await this.manualTag(tagId, { staff: by.source === 'staff' });
    const unknown: string[] = [];
    const ids = new Set<number>();
    if (input.memberIds?.length) {
      const found = await this.members.byIds(input.memberIds);
      for (const id of input.memberIds) {
        if (found.has(id)) ids.add(id);
        else unknown.push(String(id));
      }
    }
    if (input.phones?.length) {
      const found = await this.members.idsByPhones(input.phones);
      for (const phone of input.phones) {
        const id = found.get(phone);
        if (id) ids.add(id);
        else unknown.push(phone);
      }
    }
    let tagged = 0;
    for (const memberId of ids) {
      const changed = await this.changeTags(memberId, async (manager) => ({
        added: (await insertIgnore(manager, MemberTag, { memberId, tagId, source: by.source, byAccountId: by.accountId })) ? [tagId] : [],
        removed: [],
      }));
      if (changed) tagged += 1;
    }
    return { tagged, alreadyTagged: ids.size - tagged, unknown };
  }

  async unassign(tagId: number, memberIds: number[], options: { staff?: boolean } = {}): Promise<number> {
    await this.manualTag(tagId, options);
    let removed = 0;
    for (const memberId of new Set(memberIds)) {
      const changed = await this.changeTags(memberId, async (manager) => ({
        added: [],
        removed: (await manager.getRepository(MemberTag).delete({ tagId, memberId })).affected ? [tagId] : [],
      }));
      if (changed) removed += 1;
    }
    return removed;
  }

  async tagsOf(memberId: number): Promise<Tag[]> {
    const rows = await this.dataSource.getRepository(MemberTag).findBy({ memberId });
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(Tag).findBy({ id: In(rows.map((r) => r.tagId)) });
  }
}

/** One phone number or member id per CSV line (first column); a header or blank line is skipped, anything else reported. */
export function parseMemberCsv(csv: string): { phones: string[]; memberIds: number[]; invalid: string[] } {
  const phones: string[] = [];
  const memberIds: number[] = [];
  const invalid: string[] = [];
  csv.split(/\r?\n/).forEach((line, index) => {
    const cell = line
      .split(',')[0]
      .replace(/^\uFEFF/, '')
      .replace(/^"|"$/g, '')
      .trim();
    if (!cell) return;
    if (/^1\d{10}$/.test(cell)) phones.push(cell);
    else if (/^\d{1,9}$/.test(cell)) memberIds.push(Number(cell));
    else if (index > 0) invalid.push(cell.slice(0, 40));
  });
  return { phones, memberIds, invalid };
}
