import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ProductSummary } from '@mall/shared';
import { Public } from '../common/auth/auth.decorators';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@Public()
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('products')
  async products(@Query('categoryId') categoryId?: string): Promise<{ items: ProductSummary[] }> {
    const id = categoryId && /^\d+$/.test(categoryId) ? Number(categoryId) : undefined;
    return { items: await this.catalog.listing(id) };
  }

  @Get('products/:id')
  product(@Param('id', ParseIntPipe) id: number) {
    return this.catalog.detail(id);
  }

  @Get('categories')
  async categories() {
    return { items: (await this.catalog.listCategories()).map((c) => ({ id: c.id, name: c.name, icon: c.icon })) };
  }
}
