import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ProductSummary } from '@mall/shared';
import { Public } from '../common/auth/auth.decorators';
import { CatalogService, toProductSummary } from './catalog.service';

@ApiTags('catalog')
@Public()
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('products')
  async products(): Promise<{ items: ProductSummary[] }> {
    return { items: (await this.catalog.listOnShelf()).map(toProductSummary) };
  }
}
