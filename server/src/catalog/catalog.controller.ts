import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ProductSummary } from '@mall/shared';
import { CurrentPrincipal, Public } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { CatalogService } from './catalog.service';

/** Public routes: a member's token, when sent, is read (members-only products show to their holders). */
const memberIdOf = (caller: Principal | undefined): number | null => (caller?.kind === 'member' ? caller.id : null);

@ApiTags('catalog')
@Public()
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('products')
  async products(@CurrentPrincipal() caller: Principal | undefined, @Query('categoryId') categoryId?: string): Promise<{ items: ProductSummary[] }> {
    const id = categoryId && /^\d+$/.test(categoryId) ? Number(categoryId) : undefined;
    return { items: await this.catalog.listingFor(memberIdOf(caller), id) };
  }

  /** 403 for a members-only product the caller does not hold (also when asked for by id). */
  @Get('products/:id')
  product(@CurrentPrincipal() caller: Principal | undefined, @Param('id', ParseIntPipe) id: number) {
    return this.catalog.detail(id, new Date(), memberIdOf(caller));
  }

  @Get('categories')
  async categories() {
    return { items: (await this.catalog.listCategories()).map((c) => ({ id: c.id, name: c.name, icon: c.icon })) };
  }
}
