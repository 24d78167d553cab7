import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Like, MoreThan, Repository } from 'typeorm';
import { beijingDate, ErrorCode, PROFILE_FIELDS, type MemberProfile, type ProfileField, type UpdateProfileRequest } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { Member } from './member.entity';
import { DomainEvents } from '../common/events/domain-events';
import { UploadService } from '../upload/upload.service';

/** What a member is called where they set no nickname: 会员000042. */
export function memberDisplayName(id: number, nickname?: string | null): string {
  return nickname || `会员${String(id).padStart(6, '0')}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** e.g. oABCDE…wxyz: enough to tell two members apart in a list, not enough to impersonate one. */
export const maskOpenid = (openid: string) => `${openid.slice(0, 6)}…${openid.slice(-4)}`;

export function toMemberProfile(member: Member): MemberProfile {
  return {
    id: member.id,
    nickname: memberDisplayName(member.id, member.nickname),
    avatarUrl: member.avatarUrl,
    phoneMasked: maskPhone(member.phone),
    hasPhone: Boolean(member.phone),
    birthday: member.birthday,
    gender: member.gender,
    region: member.region,
    missing: missingProfileFields(member),
    createdAt: member.createdAt.toISOString(),
  };
}

/** Not in the future, and not before 1900. */
function assertPlausibleBirthday(birthday: string): void {
  if (birthday > beijingDate() || birthday < '1900-01-01')
    throw new AppError(ErrorCode.VALIDATION_FAILED, '请填写正确的生日', { fields: [{ field: 'birthday', errors: ['not a plausible birthday'] }] });
}

export function missingProfileFields(member: Member): ProfileField[] {
  const has: Record<ProfileField, boolean> = {
    nickname: Boolean(member.nickname),
    phone: Boolean(member.phone),
    birthday: Boolean(member.birthday),
    gender: member.gender !== 'unknown',
    region: Boolean(member.region),
  };
  return PROFILE_FIELDS.filter((f) => !has[f]);
}

@Injectable()
export class MemberService {
  constructor(
    @InjectRepository(Member) private readonly members: Repository<Member>,
    private readonly events: DomainEvents,
    private readonly uploads: UploadService,
  ) {}

  /**
   * One member per openid, however many logins race: INSERT IGNORE on the unique openid, then read.
   * Returns whether this call created the row.
   */
  async upsertByOpenid(openid: string, unionid: string | undefined, registerScene?: string): Promise<{ member: Member; created: boolean }> {
    const now = new Date();
    const created = await insertIgnore(this.members.manager, Member, {
      openid,
      unionid: unionid ?? null,
      nickname: '',
      registerScene: registerScene ?? null,
      lastLoginAt: now,
    });
    const member = await this.members.findOneByOrFail({ openid });
    if (!created) {
      await this.members.update({ id: member.id }, { lastLoginAt: now, ...(unionid && !member.unionid ? { unionid } : {}) });
    }
    return { member, created };
  }

  async byIds(ids: number[]): Promise<Map<number, Member>> {
    if (ids.length === 0) return new Map();
    const rows = await this.members.findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((m) => [m.id, m]));
  }

  /** The member with this WeChat unionid (how WeCom names an external contact), or null. */
  async idByUnionid(unionid: string): Promise<number | null> {
    const row = await this.members.findOne({ where: { unionid }, select: { id: true } });
    return row?.id ?? null;
  }

  async getById(id: number, manager?: EntityManager): Promise<Member> {
    const member = await this.findById(id, manager);
    if (!member) throw AppError.notFound('会员');
    return member;
  }

  findById(id: number, manager?: EntityManager): Promise<Member | null> {
    return (manager?.getRepository(Member) ?? this.members).findOneBy({ id });
  }

  exists(id: number, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(Member) ?? this.members).existsBy({ id });
  }

  async bindPhone(id: number, phone: string): Promise<Member> {
    await this.members.update({ id }, { phone });
    return this.afterProfileChange(id);
  }

  /** Tells other domains (points' profile reward) once the profile is complete; their listeners are idempotent. */
  private async afterProfileChange(id: number): Promise<Member> {
    const member = await this.getById(id);
    if (missingProfileFields(member).length === 0) await this.events.publish('member.profile_completed', { memberId: id });
    return member;
  }

  /** The member edits their profile; a birthday can be set once (later changes go through staff or ops). */
  async updateProfile(id: number, changes: UpdateProfileRequest): Promise<Member> {
    const { birthday, avatarUploadId, ...rest } = changes;
    if (birthday !== undefined) {
      const member = await this.getById(id);
      if (member.birthday && member.birthday !== birthday) throw new AppError(ErrorCode.CONFLICT, '生日设置后不可修改，如需更正请联系门店或客服');
      assertPlausibleBirthday(birthday);
      // Set once: only while still empty, so of two concurrent first settings exactly one wins.
      const set = await this.members.update({ id, birthday: IsNull() }, { birthday });
      if (!set.affected && (await this.getById(id)).birthday !== birthday)
        throw new AppError(ErrorCode.CONFLICT, '生日设置后不可修改，如需更正请联系门店或客服');
    }
    const avatarUrl = avatarUploadId !== undefined ? (await this.uploads.owned({ kind: 'member', id }, [avatarUploadId], 'avatar'))[0].url : undefined;
    const fields = { ...rest, ...(avatarUrl ? { avatarUrl } : {}) };
    if (Object.keys(fields).length > 0) await this.members.update({ id }, fields);
    return this.afterProfileChange(id);
  }

  /** Staff or ops correct a birthday (the caller records the audit); returns the birthday before. */
  async changeBirthday(id: number, birthday: string): Promise<{ before: string | null; member: Member }> {
    const before = (await this.getById(id)).birthday;
    assertPlausibleBirthday(birthday);
    await this.members.update({ id }, { birthday });
    return { before, member: await this.afterProfileChange(id) };
  }

  /** Member ids in ascending pages, for jobs that visit every member. */
  async idsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.members.find({ select: { id: true }, where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  /** Ids of members born on this month-day (MM-DD), for birthday campaigns. */
  async birthdayIdsOn(monthDay: string): Promise<number[]> {
    const rows = await this.members.find({ select: { id: true }, where: { birthday: Like(`%-${monthDay}`) }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Members whose birthday falls in `month` (MM), in pages by id. */
  birthdaysIn(month: string, afterId: number, limit: number): Promise<Member[]> {
    return this.members.find({ where: { birthday: Like(`%-${month}-%`), id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
  }

  /** Ids of members with these exact phone numbers (bulk tagging by a CSV of phones). */
  async idsByPhones(phones: string[]): Promise<Map<string, number>> {
    if (phones.length === 0) return new Map();
    const rows = await this.members.find({ select: { id: true, phone: true }, where: { phone: In([...new Set(phones)]) } });
    return new Map(rows.map((r) => [r.phone!, r.id]));
  }

  async list(params: { page: number; pageSize: number; keyword?: string; ids?: number[] }): Promise<{ items: Member[]; total: number }> {
    const keyword = params.keyword?.trim();
    // Given ids, exactly those members; else digits are an id or part of a phone, anything else part of a nickname.
    const where = params.ids
      ? { id: In(params.ids) }
      : keyword
        ? /^\d+$/.test(keyword)
          ? [{ id: Number(keyword) }, { phone: Like(`%${keyword}%`) }]
          : [{ nickname: Like(`%${keyword}%`) }]
        : {};
    const [items, total] = await this.members.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    });
    return { items, total };
  }
}
