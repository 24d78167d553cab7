import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MemberNoticeView, MemberNotificationTemplates, SubscribeConsentResult } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { NotificationTemplatesQuery, SubscribeConsentDto } from './dto/notification.dto';
import { NotificationService } from './notification.service';
import { toMemberNoticeView } from './notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  /** The template ids to pass to wx.requestSubscribeMessage for these scenes (configured and enabled only). */
  @Get('templates')
  async templates(@Query() query: NotificationTemplatesQuery): Promise<MemberNotificationTemplates> {
    return { items: await this.notifications.templates(query.scenes) };
  }

  /** 消息通知: the member's own messages (group results, reminders, orders …), newest first. */
  @Get('notices')
  async notices(@CurrentMember() member: MemberPrincipal): Promise<{ items: MemberNoticeView[] }> {
    return { items: (await this.notifications.noticesOf(member.id)).map(toMemberNoticeView) };
  }

  /** What wx.requestSubscribeMessage answered: each accepted template allows one more message. */
  @Post('consents')
  @HttpCode(200)
  async consents(@CurrentMember() member: MemberPrincipal, @Body() dto: SubscribeConsentDto): Promise<SubscribeConsentResult> {
    return { accepted: await this.notifications.recordConsents(member.id, dto.results) };
  }
}
