import { Controller, Get, Param, ParseIntPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendSerializedJson } from '../common/http/serialized-json';
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

  /** `{ items: ProductSummary[] }`, written from a pre-serialized body with an ETag (304 on a match). */
  @Get('products')
  @ApiOkResponse({ description: '{ items: ProductSummary[] }' })
  async products(
    @CurrentPrincipal() caller: Principal | undefined,
    @Req() req: Request,
    @Res() res: Response,
    @Query('categoryId') categoryId?: string,
  ): Promise<void> {
    const id = categoryId && /^\d+$/.test(categoryId) ? Number(categoryId) : undefined;
    sendSerializedJson(req, res, await this.catalog.listingBodyFor(memberIdOf(caller), id));
  }

  /** 403 for a members-only product the caller does not hold (also when asked for by id). Pre-serialized like the listing. */
  @Get('products/:id')
  async product(
    @CurrentPrincipal() caller: Principal | undefined,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendSerializedJson(req, res, await this.catalog.detailBodyFor(id, memberIdOf(caller)));
  }

  @Get('categories')
  async categories() {
    return { items: (await this.catalog.listCategories()).map((c) => ({ id: c.id, name: c.name, icon: c.icon })) };
  }
}
