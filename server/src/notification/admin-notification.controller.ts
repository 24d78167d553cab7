import { Body, Controller, Get, Param, ParseEnumPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  NOTIFICATION_SCENE_KEYS,
  subscribeTemplateKeys,
  type NotificationScene,
  type NotificationSceneConfigView,
  type NotificationSendView,
  type Page,
  type WechatTemplateView,
} from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { NotificationSendsQuery, UpdateNotificationSceneDto } from './dto/notification.dto';
import { NotificationSceneConfig, NotificationSend } from './notification.entity';
import { toSceneConfigView, toSendView } from './notification.view';

const sceneEnum = Object.fromEntries(NOTIFICATION_SCENE_KEYS.map((s) => [s, s]));

/** 消息通知: which WeChat template each scene uses, and the log of every send attempt. Ops only. */
@ApiTags('admin: notifications')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin/notifications')
export class AdminNotificationController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wechat: WechatApiClient,
    private readonly audit: AuditService,
  ) {}

  @Get('scenes')
  async scenes(): Promise<{ items: NotificationSceneConfigView[] }> {
    const configs = await this.dataSource.getRepository(NotificationSceneConfig).find();
    return { items: NOTIFICATION_SCENE_KEYS.map((scene) => toSceneConfigView(scene, configs.find((c) => c.scene === scene) ?? null)) };
  }

  @Put('scenes/:scene')
  async update(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('scene', new ParseEnumPipe(sceneEnum)) scene: NotificationScene,
    @Body() dto: UpdateNotificationSceneDto,
  ): Promise<NotificationSceneConfigView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(NotificationSceneConfig);
      const before = await repo.findOneBy({ scene });
      const templateId = dto.templateId ?? '';
      await repo.save(repo.create({ scene, templateId, enabled: dto.enabled }));
      await this.audit.record(
        caller,
        'notification.scene.update',
        { type: 'notification_scene', id: scene },
        {
          before: before ? { templateId: before.templateId || null, enabled: before.enabled } : null,
          after: { templateId: templateId || null, enabled: dto.enabled },
        },
        manager,
      );
      return toSceneConfigView(scene, await repo.findOneByOrFail({ scene }));
    });
  }

  /** The account's subscribe templates as WeChat lists them, with the keys each carries (to pick one per scene). */
  @Get('wechat-templates')
  async wechatTemplates(): Promise<{ items: WechatTemplateView[] }> {
    const templates = await this.wechat.getSubscribeTemplates();
    return { items: templates.map((t) => ({ templateId: t.priTmplId, title: t.title, keys: subscribeTemplateKeys(t.content), type: t.type })) };
  }

  @Get('sends')
  async sends(@Query() query: NotificationSendsQuery): Promise<Page<NotificationSendView>> {
    const [rows, total] = await this.dataSource.getRepository(NotificationSend).findAndCount({
      where: {
        ...(query.scene ? { scene: query.scene } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.memberId ? { memberId: query.memberId } : {}),
      },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: rows.map(toSendView), total };
  }
}
