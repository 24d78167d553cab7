import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { CreateProductDto, UpdateProductDto, UpdateSkuDto } from './dto/product.dto';
import { CatalogService } from './catalog.service';
import { Category } from './category.entity';
import { Product } from './product.entity';
import { Sku } from './sku.entity';
import { randomUUID } from 'node:crypto';
import { StockService } from './stock.service';

/** Listing prices and stock on the product follow its SKUs (lowest price, total stock). */
async function refreshProductSummary(manager: EntityManager, productId: number): Promise<void> {
  const skus = await manager.getRepository(Sku).findBy({ productId, enabled: true });
  const cheapest = [...skus].sort((a, b) => a.priceFen - b.priceFen)[0];
  const memberPrices = skus.map((s) => s.memberPriceFen).filter((p): p is number => p !== null);
  await manager.getRepository(Product).update(
    { id: productId },
    {
      priceFen: cheapest?.priceFen ?? 0,
      memberPriceFen: memberPrices.length ? Math.min(...memberPrices) : null,
      stock: skus.reduce((s, x) => s + x.stock, 0),
    },
  );
}

@ApiTags('admin: catalog')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin')
export class AdminCatalogController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    private readonly stock: StockService,
  ) {}

  @Get('products')
  async list() {
    const products = await this.dataSource.getRepository(Product).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    const skus = products.length ? await this.dataSource.getRepository(Sku).findBy({ productId: In(products.map((p) => p.id)) }) : [];
    return { items: products.map((p) => ({ ...p, skus: skus.filter((s) => s.productId === p.id) })) };
  }

  @Post('products')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CreateProductDto) {
    return this.dataSource.transaction(async (manager) => {
      const { skus, ...fields } = dto;
      // A missing category is the caller's mistake, not a foreign-key failure (a 500 on MariaDB; found by dto-fuzz).
      if (fields.categoryId != null && !(await manager.getRepository(Category).existsBy({ id: fields.categoryId }))) throw AppError.notFound('分类');
      const product = await manager.getRepository(Product).save(manager.getRepository(Product).create({ ...fields, status: 'on_shelf', priceFen: 0 }));
      const saved = await manager
        .getRepository(Sku)
        .save(
          skus.map((s) =>
            manager.getRepository(Sku).create({ ...s, stock: 0, memberPriceFen: s.memberPriceFen ?? null, productId: product.id, enabled: true }),
          ),
        );
      for (const [i, sku] of saved.entries()) await this.stock.open(manager, sku.id, skus[i].stock);
      await refreshProductSummary(manager, product.id);
      await this.audit.record(caller, 'product.create', { type: 'product', id: product.id }, { ...dto }, manager);
      this.catalog.invalidateListing();
      return manager.getRepository(Product).findOneByOrFail({ id: product.id });
    });
  }

  @Patch('products/:id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateProductDto) {
    if (!(await this.dataSource.getRepository(Product).existsBy({ id }))) throw AppError.notFound('商品');
    await this.dataSource.getRepository(Product).update({ id }, dto);
    await this.audit.record(caller, 'product.update', { type: 'product', id }, { ...dto });
    this.catalog.invalidateListing();
    return this.dataSource.getRepository(Product).findOneByOrFail({ id });
  }

  @Patch('skus/:id')
  async updateSku(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateSkuDto) {
    return this.dataSource.transaction(async (manager) => {
      const sku = await manager.getRepository(Sku).findOneBy({ id });
      if (!sku) throw AppError.notFound('规格');
      const { stock, ...fields } = dto;
      if (Object.keys(fields).length > 0) await manager.getRepository(Sku).update({ id }, fields);
      if (stock !== undefined)
        await this.stock.setAvailable(manager, id, stock, { refType: 'account', refId: String(caller.id), key: randomUUID(), note: '后台修改库存' });
      await refreshProductSummary(manager, sku.productId);
      await this.audit.record(
        caller,
        'sku.update',
        { type: 'sku', id },
        { before: { priceFen: sku.priceFen, memberPriceFen: sku.memberPriceFen, stock: sku.stock }, changes: dto },
        manager,
      );
      this.catalog.invalidateListing();
      return manager.getRepository(Sku).findOneByOrFail({ id });
    });
  }
}
