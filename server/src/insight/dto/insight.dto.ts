import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BEHAVIOUR_EVENTS, VISIT_SOURCES, type BehaviourEventType } from '@mall/shared';
import { IsDbInt, IsPlainText } from '../../common/validation';

export class BehaviourEventDto {
  @ApiProperty({ description: 'client-generated id, so a batch sent twice is stored once' })
  @Matches(/^[\w:.-]{8,40}$/)
  id: string;

  @ApiProperty({ enum: BEHAVIOUR_EVENTS })
  @IsIn(BEHAVIOUR_EVENTS)
  type: BehaviourEventType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDbInt()
  @Min(1)
  objectId?: number;

  @ApiPropertyOptional({ description: 'search term or page path' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsPlainText()
  term?: string;

  @ApiPropertyOptional({ enum: VISIT_SOURCES })
  @IsOptional()
  @IsIn(VISIT_SOURCES)
  source?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class RecordEventsDto {
  @ApiProperty({ type: [BehaviourEventDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BehaviourEventDto)
  events: BehaviourEventDto[];
}

export class FavouriteDto {
  @ApiProperty()
  @IsDbInt()
  @Min(1)
  productId: number;
}

export class SegmentPreviewDto {
  @ApiProperty({ description: 'a segment definition (condition group), see shared/src/segment' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class SaveSegmentDto extends SegmentPreviewDto {
  @ApiProperty()
  @IsString()
  @Length(1, 40)
  @IsPlainText()
  name: string;
}

export class CreateTagGroupDto {
  @ApiProperty()
  @IsString()
  @Length(1, 32)
  @IsPlainText()
  name: string;
}

export class CreateTagDto extends CreateTagGroupDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsDbInt()
  @Min(1)
  groupId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  staffAssignable?: boolean;
}

export class AssignTagDto {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsDbInt({ each: true })
  @Min(1, { each: true })
  memberIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(/^1\d{10}$/, { each: true })
  phones?: string[];

  @ApiPropertyOptional({ description: 'CSV text: one phone number or member id per line (a header line is skipped)' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  csv?: string;
}

export class MemberEventsQuery {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

export class UnassignTagDto {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsDbInt({ each: true })
  @Min(1, { each: true })
  memberIds: number[];
}
