import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { CampaignAction, CampaignSchedule } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

/** The shape is checked here; the rules (actions, schedule, limits) by the shared validateCampaign. */
export class SaveCampaignDto {
  @ApiProperty()
  @IsString()
  @Length(1, 40)
  @IsPlainText()
  name: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsDbInt()
  @Min(1)
  segmentId: number | null;

  @ApiProperty({ description: "{ kind: 'now' } | { kind: 'at', at } | { kind: 'trigger', trigger }" })
  @IsObject()
  schedule: CampaignSchedule;

  @ApiProperty({ description: 'coupon / points / benefit / subscribe / sms / banner / task actions' })
  @IsArray()
  @IsObject({ each: true })
  actions: CampaignAction[];

  @ApiProperty()
  @IsDbInt()
  @Min(0)
  @Max(50)
  controlPercent: number;

  @ApiProperty()
  @IsDbInt()
  @Min(1)
  @Max(30)
  attributionDays: number;

  @ApiProperty()
  @IsDbInt()
  @Min(1)
  @Max(10_000)
  throttlePerMinute: number;
}

export class CampaignMoveDto {
  @ApiProperty({ enum: ['launch', 'pause', 'resume', 'cancel'] })
  @IsIn(['launch', 'pause', 'resume', 'cancel'])
  action: 'launch' | 'pause' | 'resume' | 'cancel';
}

export class CompleteTaskDto {
  @ApiProperty({ description: '跟进结果' })
  @IsString()
  @Length(1, 100)
  @IsPlainText()
  outcome: string;
}

export class TasksQuery {
  @ApiPropertyOptional({ enum: ['mine', 'store'] })
  @IsOptional()
  @IsIn(['mine', 'store'])
  scope?: 'mine' | 'store';

  @ApiPropertyOptional({ enum: ['open', 'done'] })
  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';
}

export class BannerTouchDto {
  @ApiProperty({ enum: ['open', 'dismiss'] })
  @IsIn(['open', 'dismiss'])
  @MaxLength(8)
  action: 'open' | 'dismiss';
}
