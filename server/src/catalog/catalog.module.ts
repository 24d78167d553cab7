import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenefitModule } from '../benefit/benefit.module';
import { AdminCatalogController } from './admin-catalog.controller';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { Category } from './category.entity';
import { Product } from './product.entity';
import { Sku } from './sku.entity';
import { StockMovement } from './stock-movement.entity';
import { StockService } from './stock.service';
import { UploadModule } from '../upload/upload.module';

@Module({
  imports: [TypeOrmModule.forFeature([Product, Sku, Category, StockMovement]), BenefitModule, UploadModule],
  controllers: [CatalogController, AdminCatalogController],
  providers: [CatalogService, StockService],
  exports: [CatalogService, StockService],
})
export class CatalogModule {}
