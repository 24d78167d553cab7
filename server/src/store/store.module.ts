import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Store } from './store.entity';
import { StoreService } from './store.service';

@Module({ imports: [TypeOrmModule.forFeature([Store])], providers: [StoreService], exports: [StoreService] })
export class StoreModule {}
