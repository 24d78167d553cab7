import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { MemberModule } from '../member/member.module';
import { AdminInsightController } from './admin-insight.controller';
import { BehaviourService } from './behaviour.service';
import { InsightFactsContributor } from './insight-facts.contributor';
import { InsightController } from './insight.controller';
import { Favourite, MemberEvent, MemberFact, MemberTag, Segment, Tag, TagGroup } from './insight.entity';
import { InsightJobs } from './insight.jobs';
import { MemberFactListener } from './member-fact.listener';
import { MemberFactService } from './member-fact.service';
import { SegmentService } from './segment.service';
import { TagService } from './tag.service';

/** Member insight: behaviour events, favourites, facts, tags and segments (campaigns build on it). */
@Module({
  imports: [TypeOrmModule.forFeature([MemberEvent, Favourite, MemberFact, TagGroup, Tag, MemberTag, Segment]), MemberModule, CatalogModule, AuditModule],
  controllers: [InsightController, AdminInsightController],
  providers: [MemberFactListener, BehaviourService, MemberFactService, TagService, SegmentService, InsightFactsContributor, InsightJobs],
  exports: [MemberFactService, TagService, SegmentService, BehaviourService],
})
export class InsightModule {}
