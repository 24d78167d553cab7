import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentAccount, CurrentMember, MemberOnly, Public, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { BindingService } from '../store/binding.service';
import { UploadService } from '../upload/upload.service';
import { CommunityGroup } from './community.entity';
import { toCodeView, toInvitationView, toMemberGroupView } from './community.view';
import { ConfirmJoinDto, StoreCodeDto } from './dto/community.dto';
import { GuideContactService } from './guide-contact.service';
import { StoreCodeService } from './store-code.service';
import { InvitationService } from './invitation.service';
import { WecomCallbackService, type CallbackQuery } from './wecom/wecom-callback.service';

@ApiTags('community')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/community')
export class MemberCommunityController {
  constructor(
    private readonly invitations: InvitationService,
    private readonly uploads: UploadService,
    private readonly contacts: GuideContactService,
    private readonly storeCodes: StoreCodeService,
  ) {}

  /** 门店活码 landing: the nearest open store's guide by the member's location, else their bound store's. */
  @Post('store-code')
  @HttpCode(200)
  storeCode(@CurrentMember() caller: MemberPrincipal, @Body() dto: StoreCodeDto) {
    const point = dto.latitude !== undefined && dto.longitude !== undefined ? { latitude: dto.latitude, longitude: dto.longitude } : null;
    return this.storeCodes.resolve(caller.id, point);
  }

  /** "Add my guide": the WeCom 联系我 code of the member's own guide. */
  @Get('guide-contact')
  async guideContact(@CurrentMember() caller: MemberPrincipal) {
    const way = await this.contacts.forMember(caller.id);
    return { qrCode: way.qrCode };
  }

  private async cover(group: CommunityGroup): Promise<string | null> {
    if (!group.coverUploadId) return null;
    return (await this.uploads.byIds([group.coverUploadId])).get(group.coverUploadId)?.url ?? null;
  }

  /** 我的社群: invitations to open groups and the groups joined. */
  @Get('invitations')
  async mine(@CurrentMember() caller: MemberPrincipal) {
    const rows = await this.invitations.ofMember(caller.id);
    const covers = await this.uploads.byIds(rows.map((r) => r.group.coverUploadId).filter((id): id is number => id !== null));
    return {
      items: rows.map(({ invitation, group }) => ({
        ...toInvitationView(invitation),
        group: toMemberGroupView(group, group.coverUploadId ? (covers.get(group.coverUploadId)?.url ?? null) : null),
      })),
    };
  }

  /** The invitation card opened: 403 when the member may not join. */
  @Get('groups/:id')
  async view(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const { group, invitation } = await this.invitations.view(caller.id, id);
    return { group: toMemberGroupView(group, await this.cover(group)), invitation: toInvitationView(invitation) };
  }

  /** A valid entry code (neither expired nor full) for an eligible member. */
  @Post('groups/:id/code')
  @HttpCode(200)
  async code(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const { group, code, invitation } = await this.invitations.code(caller.id, id);
    const view = toCodeView(code);
    return {
      group: toMemberGroupView(group, await this.cover(group)),
      code: { id: view.id, kind: view.kind, imageUrl: view.imageUrl, expiresAt: view.expiresAt },
      invitation: toInvitationView(invitation),
    };
  }

  /** Without WeCom the member confirms the join themself (after the code was shown to them). */
  @Post('groups/:id/joined')
  @HttpCode(200)
  async joined(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const invitation = await this.invitations.invitationOf(id, caller.id);
    if (!invitation?.codeShownAt) throw AppError.forbidden('请先领取入群码');
    const confirmed = await this.invitations.confirmJoin(id, caller.id, 'member');
    return { confirmed };
  }

  @Post('groups/:id/perk')
  @HttpCode(200)
  perk(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return this.invitations.claimPerk(caller.id, id);
  }
}

@ApiTags('staff: community')
@ApiBearerAuth()
@Roles('staff', 'store_manager')
@Controller('api/staff/community')
export class StaffCommunityController {
  constructor(
    private readonly invitations: InvitationService,
    private readonly bindings: BindingService,
    private readonly contacts: GuideContactService,
  ) {}

  /** The caller's own 联系我 code (made in WeCom on first use). */
  @Get('contact-way')
  async contactWay(@CurrentAccount() caller: AccountPrincipal) {
    const way = await this.contacts.forStaff(caller.id);
    return { qrCode: way.qrCode, configId: way.configId };
  }

  /** A guide confirms that a member of their own store joined the group. */
  @Post('groups/:id/joins')
  @HttpCode(200)
  async confirm(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ConfirmJoinDto) {
    const binding = await this.bindings.bindingOf(dto.memberId);
    if (!binding || caller.storeId === null || binding.storeId !== caller.storeId) throw AppError.forbidden('只能确认本门店会员');
    const invitation = await this.invitations.invitationOf(id, dto.memberId);
    if (!invitation?.codeShownAt) throw AppError.notFound('入群邀请');
    return { confirmed: await this.invitations.confirmJoin(id, dto.memberId, 'staff') };
  }
}

/** WeCom's callback URL: GET for the URL check, POST for events (XML body). */
@ApiTags('wecom')
@Public()
@Controller('api/community/wecom/callback')
export class WecomCallbackController {
  constructor(private readonly callbacks: WecomCallbackService) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Query() query: CallbackQuery): string {
    return this.callbacks.verifyUrl(query);
  }

  @Post()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; charset=utf-8')
  async receive(@Query() query: CallbackQuery, @Req() req: Request): Promise<string> {
    await this.callbacks.receive(query, typeof req.body === 'string' ? req.body : '');
    return 'success';
  }
}
