import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AccountModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class SeedModule {}
