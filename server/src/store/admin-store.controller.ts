import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountService } from '../account/account.service';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { MemberService } from '../member/member.service';
import { AdminTransferDto, BindingHistoryQuery, BindingPolicyDto, PeriodQuery, StoreDto } from '../staff/dto/staff.dto';
import { currentMonth, StaffDeskService } from '../staff/staff-desk.service';
import { BindingService } from './binding.service';
import { StoreService } from './store.service';
import type {
  AdminStoreView,
  AdminWriteOffView,
  BindingHistoryView,
  StaffPerformance,
  StoreLeaderboard,
  StorePosterView,
  StoreRecord,
  StoreStaffView,
  TransferResult,
} from '@mall/shared';
import type { Store } from './store.entity';

function toStoreRecord(s: Store): StoreRecord {
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    openingHours: s.openingHours,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function period(query: PeriodQuery): { from: Date; to: Date } {
  const month = currentMonth();
  return { from: query.from ? new Date(query.from) : month.from, to: query.to ? new Date(query.to) : month.to };
}

/**
 * Ops side of stores: the stores themselves, their staff and posters, the binding policy and history,
 * transfers, performance, the leaderboard and write-offs.
 */
@ApiTags('admin: stores')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin')
export class AdminStoreController {
  constructor(
    private readonly stores: StoreService,
    private readonly accounts: AccountService,
    private readonly members: MemberService,
    private readonly bindings: BindingService,
    private readonly desk: StaffDeskService,
    private readonly audit: AuditService,
  ) {}

  /** Stores with their staff head-count. */
  @Get('stores')
  async list(): Promise<{ items: AdminStoreView[] }> {
    const [stores, staffCount] = await Promise.all([this.stores.list(), this.accounts.countByStore()]);
    return {
      items: stores.map((s) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        openingHours: s.openingHours,
        latitude: s.latitude,
        longitude: s.longitude,
        active: s.active,
        staffCount: staffCount.get(s.id) ?? 0,
      })),
    };
  }

  @Post('stores')
  async createStore(@CurrentAccount() caller: AccountPrincipal, @Body() dto: StoreDto): Promise<StoreRecord> {
    const store = await this.stores.create({
      name: dto.name,
      address: dto.address ?? '',
      openingHours: dto.openingHours ?? '',
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
    });
    await this.audit.record(caller, 'store.create', { type: 'store', id: store.id }, { ...dto });
    return toStoreRecord(store);
  }

  @Put('stores/:id')
  async updateStore(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: StoreDto): Promise<StoreRecord> {
    const before = await this.stores.getById(id);
    const store = await this.stores.update(id, {
      name: dto.name,
      address: dto.address ?? before.address,
      openingHours: dto.openingHours ?? before.openingHours,
      latitude: dto.latitude ?? before.latitude,
      longitude: dto.longitude ?? before.longitude,
    });
    await this.audit.record(
      caller,
      'store.update',
      { type: 'store', id },
      { before: { name: before.name, address: before.address, openingHours: before.openingHours }, changes: dto },
    );
    return toStoreRecord(store);
  }

  @Get('stores/:id/staff')
  async storeStaff(@Param('id', ParseIntPipe) id: number): Promise<{ items: StoreStaffView[] }> {
    await this.stores.getById(id);
    const staff = await this.accounts.staffOf(id);
    return { items: staff.map((a) => ({ id: a.id, displayName: a.displayName, role: a.role, active: a.active, linked: a.openid !== null })) };
  }

  @Get('stores/:id/poster')
  async storePoster(@Param('id', ParseIntPipe) id: number): Promise<StorePosterView> {
    await this.stores.getById(id);
    return { image: `data:image/png;base64,${(await this.desk.storePoster(id)).toString('base64')}` };
  }

  @Get('binding-policy')
  bindingPolicy() {
    return this.bindings.policy();
  }

  @Put('binding-policy')
  async updateBindingPolicy(@CurrentAccount() caller: AccountPrincipal, @Body() dto: BindingPolicyDto) {
    const before = await this.bindings.policy();
    const after = await this.bindings.updatePolicy({ protectionDays: dto.protectionDays, rebindAfterProtection: dto.rebindAfterProtection });
    await this.audit.record(caller, 'binding_policy.update', { type: 'binding_setting', id: 1 }, { before, after });
    return after;
  }

  @Get('bindings')
  async bindingHistory(@Query() query: BindingHistoryQuery): Promise<{ items: BindingHistoryView[] }> {
    const rows = await this.bindings.historyList({ memberId: query.memberId, storeId: query.storeId });
    const [members, stores, accounts] = await Promise.all([this.members.byIds(rows.map((r) => r.memberId)), this.stores.list(), this.accounts.list()]);
    const staffName = (id: number | null) => (id ? (accounts.find((a) => a.id === id)?.displayName ?? `#${id}`) : null);
    return {
      items: rows.map((r) => ({
        id: r.id,
        memberId: r.memberId,
        nickname: members.get(r.memberId)?.nickname ?? '',
        storeId: r.storeId,
        storeName: stores.find((s) => s.id === r.storeId)?.name ?? '',
        action: r.action,
        staffName: staffName(r.staffAccountId),
        fromStaffName: staffName(r.fromStaffAccountId),
        byName: staffName(r.byAccountId),
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  @Post('transfers')
  async transfer(@CurrentAccount() caller: AccountPrincipal, @Body() dto: AdminTransferDto): Promise<TransferResult> {
    const result = await this.desk.transferInStore(dto.storeId, caller.id, dto);
    await this.audit.record(caller, 'binding.transfer', { type: 'store', id: dto.storeId }, { ...dto, moved: result.moved });
    return result;
  }

  @Get('stores/:id/performance')
  performance(@Param('id', ParseIntPipe) id: number, @Query() query: PeriodQuery): Promise<StaffPerformance> {
    const { from, to } = period(query);
    return this.desk.storePerformance(id, from, to);
  }

  /** Stores and guides ranked by attributed GMV in the period. */
  @Get('leaderboard')
  async leaderboard(@Query() query: PeriodQuery): Promise<StoreLeaderboard> {
    const { from, to } = period(query);
    const stores = await this.stores.list();
    const reports = await Promise.all(stores.map((s) => this.desk.storePerformance(s.id, from, to)));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      stores: reports.map((r) => ({ storeId: r.store.id, storeName: r.store.name, ...r.totals })).sort((a, b) => b.gmvFen - a.gmvFen),
      staff: reports
        .flatMap((r) => r.rows.filter((row) => row.staffAccountId !== null).map((row) => ({ ...row, storeName: r.store.name })))
        .sort((a, b) => b.gmvFen - a.gmvFen || b.newBindings - a.newBindings)
        .slice(0, 50),
    };
  }

  @Get('write-offs')
  writeOffs(@Query() query: BindingHistoryQuery): Promise<{ items: AdminWriteOffView[] }> {
    return this.desk.storeWriteOffs(query.storeId);
  }
}
