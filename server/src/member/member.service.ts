import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Like, MoreThan, Repository } from 'typeorm';
import { ErrorCode, type MemberProfile } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { Member } from './member.entity';
import { DomainEvents } from '../common/events/domain-events';

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function toMemberProfile(member: Member): MemberProfile {
  return {
    id: member.id,
    nickname: member.nickname || `会员${String(member.id).padStart(6, '0')}`,
    avatarUrl: member.avatarUrl,
    phoneMasked: maskPhone(member.phone),
    hasPhone: Boolean(member.phone),
    birthday: member.birthday,
    createdAt: member.createdAt.toISOString(),
  };
}

@Injectable()
export class MemberService {
  constructor(
    @InjectRepository(Member) private readonly members: Repository<Member>,
    private readonly events: DomainEvents,
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
    if (member.nickname && member.phone && member.birthday) await this.events.publish('member.profile_completed', { memberId: id });
    return member;
  }

  async updateProfile(id: number, changes: { nickname?: string; avatarUrl?: string; birthday?: string }): Promise<Member> {
    const { birthday, ...rest } = changes;
    if (birthday !== undefined) {
      const member = await this.getById(id);
      if (member.birthday && member.birthday !== birthday) throw new AppError(ErrorCode.CONFLICT, '生日设置后不可修改');
      if (birthday > new Date().toISOString().slice(0, 10)) throw new AppError(ErrorCode.VALIDATION_FAILED, '生日不能晚于今天');
      await this.members.update({ id, birthday: IsNull() }, { birthday });
    }
    if (Object.keys(rest).length > 0) await this.members.update({ id }, rest);
    return this.afterProfileChange(id);
  }

  /** Member ids in ascending pages, for jobs that visit every member. */
  async idsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.members.find({ select: { id: true }, where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  /** Members whose birthday falls in `month` (MM), in pages by id. */
  birthdaysIn(month: string, afterId: number, limit: number): Promise<Member[]> {
    return this.members.find({ where: { birthday: Like(`%-${month}-%`), id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
  }

  async list(params: { page: number; pageSize: number; keyword?: string }): Promise<{ items: Member[]; total: number }> {
    const keyword = params.keyword?.trim();
    const where = keyword ? (/^\d+$/.test(keyword) ? [{ id: Number(keyword) }, { phone: Like(`%${keyword}%`) }] : [{ nickname: Like(`%${keyword}%`) }]) : {};
    const [items, total] = await this.members.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    });
    return { items, total };
  }
}
