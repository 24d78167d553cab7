import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { DemoSeeder } from './demo-seeder';
import { CatalogModule } from '../catalog/catalog.module';

@Module({ imports: [AccountModule, CatalogModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class SeedModule {}
