import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TierController } from './tier.controller';
import { Tier } from './tier.entity';
import { TierService } from './tier.service';

@Module({ imports: [TypeOrmModule.forFeature([Tier])], controllers: [TierController], providers: [TierService], exports: [TierService] })
export class TierModule {}
