import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, Min, ValidateIf, registerDecorator, type ValidationOptions } from 'class-validator';
import {
  NOTIFICATION_SCENE_KEYS,
  NOTIFICATION_SEND_STATES,
  SUBSCRIBE_RESULTS,
  statesOf,
  type NotificationScene,
  type NotificationSendStatus,
  type SubscribeConsentRequest,
  type SubscribeResult,
  type UpdateNotificationSceneRequest,
} from '@mall/shared';
import { PageQuery } from '../../common/dto/page.query';
import { IsDbInt } from '../../common/validation';

/** A WeChat template id: 43 URL-safe characters in practice; allow some slack, nothing else. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** { <templateId>: 'accept' | 'reject' | 'ban' | 'filter' }, at most 10 entries (WeChat asks for ≤ 3 at once). */
function IsSubscribeResults(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSubscribeResults',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must map template ids to accept, reject, ban or filter', ...options },
      validator: {
        validate(value: unknown) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length >= 1 &&
            entries.length <= 10 &&
            entries.every(([id, result]) => TEMPLATE_ID_PATTERN.test(id) && (SUBSCRIBE_RESULTS as readonly unknown[]).includes(result))
          );
        },
      },
    });
}

export class SubscribeConsentDto implements SubscribeConsentRequest {
  @ApiProperty({ example: { '9Aw5ZV1j9xdWTFEkqCpZ7mIBbSC34khK55OtzUPl0rU': 'accept' }, description: "wx.requestSubscribeMessage's answer without errMsg" })
  @IsObject()
  @IsSubscribeResults()
  results: Record<string, SubscribeResult>;
}

const splitScenes = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class NotificationTemplatesQuery {
  @ApiPropertyOptional({ description: 'comma-separated scenes; all when absent', example: 'order_paid,order_shipped' })
  @IsOptional()
  @Transform(splitScenes)
  @IsArray()
  @IsIn(NOTIFICATION_SCENE_KEYS, { each: true })
  scenes?: NotificationScene[];
}

export class UpdateNotificationSceneDto implements UpdateNotificationSceneRequest {
  @ApiProperty({ nullable: true, description: "the template's id in the WeChat admin (我的模板); null or '' clears it" })
  @ValidateIf((_, v) => v !== null && v !== '')
  @IsString()
  @Matches(TEMPLATE_ID_PATTERN, { message: 'templateId 应为微信模板 ID（字母、数字、- 和 _）' })
  templateId: string | null;

  @ApiProperty() @IsBoolean() enabled: boolean;
}

export class NotificationSendsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_SCENE_KEYS }) @IsOptional() @IsIn(NOTIFICATION_SCENE_KEYS) scene?: NotificationScene;
  @ApiPropertyOptional({ enum: statesOf(NOTIFICATION_SEND_STATES) }) @IsOptional() @IsIn(statesOf(NOTIFICATION_SEND_STATES)) status?: NotificationSendStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() @Min(1) memberId?: number;
}
