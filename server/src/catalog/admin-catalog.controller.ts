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
import { canTransition, ErrorCode, PRODUCT_STATES } from '@mall/shared';
import { transitionOne } from '../common/state/transition';
import { UploadService } from '../upload/upload.service';

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
    private readonly uploads: UploadService,
  ) {}

  /** The image of an upload this operator made for a product (someone else's or another purpose is refused). */
  private async uploadedImage(caller: AccountPrincipal, uploadId: number | undefined): Promise<{ imageUrl?: string }> {
    if (uploadId === undefined) return {};
    return { imageUrl: (await this.uploads.owned({ kind: 'account', id: caller.id }, [uploadId], 'product'))[0].url };
  }

  private async assertCategory(categoryId: number | null | undefined): Promise<void> {
    if (categoryId && !(await this.dataSource.getRepository(Category).existsBy({ id: categoryId })))
      throw new AppError(ErrorCode.VALIDATION_FAILED, '分类不存在', { fields: [{ field: 'categoryId', errors: ['unknown category'] }] });
  }

  @Get('categories')
  async categories() {
    return { items: (await this.catalog.listCategories()).map((c) => ({ id: c.id, name: c.name, icon: c.icon })) };
  }

  @Get('products')
  async list() {
    const products = await this.dataSource.getRepository(Product).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    const skus = products.length ? await this.dataSource.getRepository(Sku).findBy({ productId: In(products.map((p) => p.id)) }) : [];
    return { items: products.map((p) => ({ ...p, skus: skus.filter((s) => s.productId === p.id) })) };
  }

  @Post('products')
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CreateProductDto) {
    await this.assertCategory(dto.categoryId);
    const image = await this.uploadedImage(caller, dto.imageUploadId);
    return this.dataSource.transaction(async (manager) => {
      const { skus, imageUploadId: _upload, status, ...fields } = dto;
      // A new product is a draft unless ops publish it in the same step: nothing goes live by accident.
      const product = await manager
        .getRepository(Product)
        .save(manager.getRepository(Product).create({ ...fields, ...image, status: status ?? 'draft', priceFen: 0 }));
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
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw AppError.notFound('商品');
    await this.assertCategory(dto.categoryId);
    // Only the category may be cleared; null anywhere else is the caller's mistake, not "leave as is".
    const cleared = Object.entries(dto).filter(([key, value]) => value === null && key !== 'categoryId');
    if (cleared.length) throw new AppError(ErrorCode.VALIDATION_FAILED, `${cleared.map(([key]) => key).join('、')} 不能为空`);
    const { status, imageUploadId, ...fields } = dto;
    const changes = { ...fields, ...(await this.uploadedImage(caller, imageUploadId)) };
    await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) await manager.getRepository(Product).update({ id }, changes);
      if (status && status !== product.status) {
        if (!canTransition(PRODUCT_STATES.transitions, product.status, status))
          throw new AppError(ErrorCode.CONFLICT, `${PRODUCT_STATES.labels[product.status]}的商品不能改为${PRODUCT_STATES.labels[status]}`);
        if (!(await transitionOne(manager, Product, PRODUCT_STATES, { where: { id }, from: product.status, to: status })))
          throw new AppError(ErrorCode.CONFLICT, '商品状态已被他人修改，请刷新后重试');
      }
      await this.audit.record(caller, 'product.update', { type: 'product', id }, { before: { status: product.status }, changes: dto }, manager);
    });
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
