import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import {
  DAY_MS,
  DEFAULT_CODE_CAPACITY,
  DEFAULT_CODE_EXPIRY_DAYS,
  ErrorCode,
  poolWarnings,
  rotationOrder,
  type CodeWarning,
  type GroupCodeState,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { UploadService } from '../upload/upload.service';
import { CommunityGroup, GroupCode, GroupCodeClaim } from './community.entity';
import { WecomApiClient } from './wecom/wecom-api.client';

/** A WeCom join way has no expiry of its own; it stays until removed. */
const WECOM_CODE_DAYS = 3650;

const stateOf = (c: GroupCode): GroupCodeState => ({ id: c.id, expiresAt: c.expiresAt, capacity: c.capacity, used: c.used, removed: c.removedAt !== null });

/**
 * The pool of entry codes (活码) of each group. A member is handed a slot of a code by a conditional
 * UPDATE (`used < capacity AND expires_at > now`) in the transaction that records the claim, so
 * members racing for the last slots never get a full or expired code; when a code is full or
 * expired the next one in rotation order takes over.
 */
@Injectable()
export class GroupCodeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: UploadService,
    private readonly wecom: WecomApiClient,
  ) {}

  async addImage(
    group: CommunityGroup,
    accountId: number,
    input: { uploadId: number; expiresInDays?: number; capacity?: number; label?: string },
    now = new Date(),
  ): Promise<GroupCode> {
    const [upload] = await this.uploads.owned({ kind: 'account', id: accountId }, [input.uploadId], 'group_qr');
    const repo = this.dataSource.getRepository(GroupCode);
    return repo.save(
      repo.create({
        groupId: group.id,
        kind: 'image',
        uploadId: upload.id,
        imageUrl: upload.url,
        label: input.label ?? '',
        capacity: input.capacity ?? DEFAULT_CODE_CAPACITY,
        expiresAt: new Date(now.getTime() + (input.expiresInDays ?? DEFAULT_CODE_EXPIRY_DAYS) * DAY_MS),
      }),
    );
  }

  /** A WeCom customer-group join way (add_join_way, auto_create_room) for the group; its QR comes from get_join_way. */
  async addWecom(group: CommunityGroup, input: { label?: string; capacity?: number }, now = new Date()): Promise<GroupCode> {
    if (!this.wecom.enabled) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '未配置企业微信，请上传群二维码');
    const configId = await this.wecom.addJoinWay({ chatIds: [], remark: group.name, state: `cg${group.id}`, roomBaseName: group.name, roomBaseId: 1 });
    const joinWay = await this.wecom.getJoinWay(configId);
    const repo = this.dataSource.getRepository(GroupCode);
    return repo.save(
      repo.create({
        groupId: group.id,
        kind: 'wecom',
        imageUrl: joinWay.qr_code,
        wecomConfigId: configId,
        label: input.label ?? '企业微信群活码',
        capacity: input.capacity ?? 100_000,
        expiresAt: new Date(now.getTime() + WECOM_CODE_DAYS * DAY_MS),
      }),
    );
  }

  async remove(groupId: number, codeId: number, now = new Date()): Promise<void> {
    const code = await this.dataSource.getRepository(GroupCode).findOneBy({ id: codeId, groupId });
    if (!code) throw AppError.notFound('群码');
    if (code.removedAt) return;
    if (code.kind === 'wecom' && code.wecomConfigId) await this.wecom.delJoinWay(code.wecomConfigId);
    await this.dataSource.getRepository(GroupCode).update({ id: codeId, removedAt: IsNull() }, { removedAt: now });
  }

  list(groupId: number): Promise<GroupCode[]> {
    return this.dataSource.getRepository(GroupCode).find({ where: { groupId, removedAt: IsNull() }, order: { expiresAt: 'ASC', id: 'ASC' } });
  }

  async byId(codeId: number): Promise<GroupCode | null> {
    return this.dataSource.getRepository(GroupCode).findOneBy({ id: codeId });
  }

  /** The code the member already holds a slot of (still valid), or a new slot of the next code in rotation. */
  async claim(groupId: number, memberId: number, now = new Date()): Promise<GroupCode> {
    const codes = await this.dataSource.getRepository(GroupCode).findBy({ groupId, removedAt: IsNull(), expiresAt: MoreThan(now) });
    const held = await this.dataSource.getRepository(GroupCodeClaim).findBy({ groupId, memberId });
    const heldCode = codes.filter((c) => held.some((h) => h.codeId === c.id)).sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
    if (heldCode) return heldCode;
    for (const candidate of rotationOrder(codes.map(stateOf), now)) {
      const taken = await this.takeSlot(groupId, memberId, candidate.id, now);
      if (taken) return (await this.byId(candidate.id))!;
    }
    throw new AppError(ErrorCode.CONFLICT, '群码暂时用完了，请稍后再来');
  }

  /** Claim row and slot in one transaction: both or neither. True when the member now holds a slot of the code. */
  private async takeSlot(groupId: number, memberId: number, codeId: number, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const fresh = await insertIgnore(m, GroupCodeClaim, { groupId, memberId, codeId });
      if (!fresh) return true;
      const result = await m
        .createQueryBuilder()
        .update(GroupCode)
        .set({ used: () => 'used + 1' })
        .where('id = :codeId AND used < capacity AND expires_at > :now AND removed_at IS NULL', { codeId, now })
        .execute();
      if (result.affected) return true;
      // Full or expired meanwhile: undo the claim in this same transaction and try the next code.
      await m.getRepository(GroupCodeClaim).delete({ groupId, memberId, codeId });
      return false;
    });
  }

  async warnings(groupId: number, now = new Date()): Promise<CodeWarning[]> {
    const codes = await this.dataSource.getRepository(GroupCode).findBy({ groupId, removedAt: IsNull() });
    return poolWarnings(codes.map(stateOf), now);
  }

  /** Every group's warnings (the admin banner and the daily list). */
  async warningsFor(groups: CommunityGroup[], now = new Date()): Promise<{ groupId: number; groupName: string; warnings: CodeWarning[] }[]> {
    if (groups.length === 0) return [];
    const codes = await this.dataSource.getRepository(GroupCode).findBy({ groupId: In(groups.map((g) => g.id)), removedAt: IsNull() });
    return groups
      .map((g) => ({ groupId: g.id, groupName: g.name, warnings: poolWarnings(codes.filter((c) => c.groupId === g.id).map(stateOf), now) }))
      .filter((w) => w.warnings.length > 0);
  }

  async codeIdByConfig(configId: string): Promise<GroupCode | null> {
    return this.dataSource.getRepository(GroupCode).findOneBy({ wecomConfigId: configId });
  }
}
