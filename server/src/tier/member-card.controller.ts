import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MemberCard, MemberQr, TierHistoryItem } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { MemberQrService } from '../member/member-qr.service';
import { MemberCardService } from './member-card.service';

@ApiTags('members')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/members/me')
export class MemberCardController {
  constructor(
    private readonly cards: MemberCardService,
    private readonly qr: MemberQrService,
  ) {}

  @Get('card')
  card(@CurrentMember() caller: MemberPrincipal): Promise<MemberCard> {
    return this.cards.card(caller.id);
  }

  @Get('tier-history')
  async history(@CurrentMember() caller: MemberPrincipal): Promise<{ items: TierHistoryItem[] }> {
    return { items: await this.cards.history(caller.id) };
  }

  /** A fresh short-lived, single-use token for the in-store member QR code. */
  @Get('qr')
  qrToken(@CurrentMember() caller: MemberPrincipal): MemberQr {
    return this.qr.issue(caller.id);
  }
}
