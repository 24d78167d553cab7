import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBenefitController } from './admin-benefit.controller';
import { BenefitAttachment } from './benefit-attachment.entity';
import { BenefitSourceRegistry } from './benefit-source';
import { BenefitVersion } from './benefit-version.entity';
import { Benefit } from './benefit.entity';
import { BenefitService } from './benefit.service';

@Module({
  imports: [TypeOrmModule.forFeature([Benefit, BenefitVersion, BenefitAttachment])],
  controllers: [AdminBenefitController],
  providers: [BenefitService, BenefitSourceRegistry],
  exports: [BenefitService, BenefitSourceRegistry],
})
export class BenefitModule {}
