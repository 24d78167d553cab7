import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { bestDiscountFor, productOpenTo, resolveBenefits, visibleProducts, type ProductSummary } from '@mall/shared';
import { BenefitSourceRegistry } from '../benefit/benefit-source';
import { BenefitService } from '../benefit/benefit.service';
import { ConfigCache } from '../common/cache/config-cache';
import { AppError } from '../common/errors/app-error';
import { serializeJson, type SerializedJson } from '../common/http/serialized-json';
import { ClusterBus } from '../common/redis/cluster-bus';
import { ReadReplica } from '../database/read-replica';
import { Category } from './category.entity';
import { Product } from './product.entity';
import { Sku } from './sku.entity';

export function toProductSummary(product: Product): ProductSummary {
  return {
    id: product.id,
    name: product.name,
    subtitle: product.subtitle,
    imageUrl: product.imageUrl,
    priceFen: product.priceFen,
    memberPriceFen: product.memberPriceFen,
    stock: product.stock,
  };
}

/** How long a listing or product page may be served from memory; admin writes clear it at once here and, via the bus, on other instances. */
const LISTING_TTL_MS = 2000;
const LISTING_TOPIC = 'catalog-listing';
/** Bound on the product pages kept serialized (one per product id asked for). */
const MAX_CACHED_PAGES = 5000;

interface ListingEntry {
  at: number;
  items: ProductSummary[];
  /** The response bodies built from these items, by the products hidden from the caller ('' for none). */
  bodies: Map<string, SerializedJson>;
}

@Injectable()
export class CatalogService {
  private readonly listingCache = new Map<string, ListingEntry>();
  /** Product pages (the same for every caller), serialized; null for a product that is not on the shelf. */
  private readonly pageCache = new Map<number, { at: number; generation: number; page: Promise<SerializedJson | null> }>();

  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Sku) private readonly skus: Repository<Sku>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    private readonly benefits: BenefitService,
    private readonly sources: BenefitSourceRegistry,
    private readonly config: ConfigCache,
    private readonly bus: ClusterBus,
    private readonly replica: ReadReplica,
  ) {
    bus.on(LISTING_TOPIC, () => {
      this.listingCache.clear();
      this.pageCache.clear();
    });
  }

  /** On-shelf products; stock is the live sum of their SKUs (orders only touch SKU rows). */
  async listOnShelf(categoryId?: number, manager: EntityManager = this.products.manager): Promise<Product[]> {
    const products = await manager.getRepository(Product).find({
      where: { status: 'on_shelf', ...(categoryId ? { categoryId } : {}) },
      order: { sortOrder: 'ASC', id: 'ASC' },
      take: 100,
    });
    return this.withStock(products, manager);
  }

  /** Each product with its stock: the live sum of its enabled SKUs (orders only touch SKU rows). */
  private async withStock(products: Product[], manager: EntityManager = this.skus.manager): Promise<Product[]> {
    if (products.length === 0) return products;
    const rows: { productId: number; stock: string | number }[] = await manager
      .getRepository(Sku)
      .createQueryBuilder('s')
      .select('s.productId', 'productId')
      .addSelect('SUM(s.stock)', 'stock')
      .where('s.productId IN (:...ids) AND s.enabled = :on', { ids: products.map((p) => p.id), on: true })
      .groupBy('s.productId')
      .getRawMany();
    const stock = new Map(rows.map((r) => [Number(r.productId), Number(r.stock)]));
    return products.map((p) => Object.assign(p, { stock: stock.get(p.id) ?? 0 }));
  }

  /** Summaries of these products in the given order (favourites); off-shelf ones are left out. */
  async summariesByIds(ids: number[]): Promise<ProductSummary[]> {
    if (ids.length === 0) return [];
    const products = await this.withStock(await this.products.findBy({ id: In(ids), status: 'on_shelf' }));
    const byId = new Map(products.map((p) => [p.id, toProductSummary(p)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  /** True when the product exists and is on the shelf. */
  async isOnShelf(id: number): Promise<boolean> {
    return (await this.products.countBy({ id, status: 'on_shelf' })) > 0;
  }

  /**
   * The public listing, cached briefly: it is the hottest read and tolerates two seconds of staleness, plus
   * the read replica's lag limit when DATABASE_REPLICA_URL is set (stock shown here is advisory; orders check the primary).
   */
  async listing(categoryId?: number): Promise<ProductSummary[]> {
    return (await this.listingEntry(categoryId)).items;
  }

  private async listingEntry(categoryId?: number): Promise<ListingEntry> {
    const key = String(categoryId ?? 'all');
    const hit = this.listingCache.get(key);
    if (hit && Date.now() - hit.at < LISTING_TTL_MS) return hit;
    const items = (await this.replica.read((manager) => this.listOnShelf(categoryId, manager))).map(toProductSummary);
    const entry = { at: Date.now(), items, bodies: new Map() };
    this.listingCache.set(key, entry);
    return entry;
  }

  /** SKUs with their products, for pricing (in the caller's transaction when given). */
  async skusWithProducts(manager: EntityManager, skuIds: number[]): Promise<{ sku: Sku; product: Product | undefined }[]> {
    if (skuIds.length === 0) return [];
    // One statement: the product is joined and mapped onto a transient property, then detached from the SKU.
    const skus = (await manager
      .getRepository(Sku)
      .createQueryBuilder('s')
      .leftJoinAndMapOne('s.joinedProduct', Product, 'p', 'p.id = s.productId')
      .where('s.id IN (:...skuIds)', { skuIds })
      .getMany()) as (Sku & { joinedProduct?: Product })[];
    return skus.map((sku) => {
      const product = sku.joinedProduct;
      delete sku.joinedProduct;
      return { sku: sku as Sku, product };
    });
  }

  invalidateListing(): void {
    this.listingCache.clear();
    this.pageCache.clear();
    void this.bus.publish(LISTING_TOPIC);
  }

  listCategories(): Promise<Category[]> {
    return this.categories.find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  /** What an SVIP member would pay: the best paid-plan discount, or the member price if lower. */
  private async svipPrice(product: Product, sku: Sku, now: Date): Promise<number | null> {
    const planSources = (await this.sources.catalogue()).filter((s) => s.type === 'plan');
    if (planSources.length === 0) return null;
    const effective = resolveBenefits(await this.benefits.grantsFor(planSources, now));
    const rule = bestDiscountFor(effective, { id: product.id, categoryId: product.categoryId });
    const candidates = [rule ? Math.floor((sku.priceFen * rule.priceBps) / 10_000) : null, effective.memberPrice ? sku.memberPriceFen : null].filter(
      (x): x is number => x !== null,
    );
    return candidates.length ? Math.min(...candidates) : null;
  }

  /** Members-only products: those this caller may not see (403 by id, hidden from listings). Anonymous callers hold nothing. */
  async exclusiveAccess(memberId: number | null, now = new Date()): Promise<{ exclusive: Set<number>; held: number[] }> {
    const exclusive = await this.benefits.exclusiveProductIds(now);
    if (exclusive.size === 0 || memberId === null) return { exclusive, held: [] };
    const { effective } = await this.benefits.effectiveFor(memberId, now);
    return { exclusive, held: effective.exclusiveProductIds?.value ?? [] };
  }

  async assertOpenTo(memberId: number | null, productId: number, now = new Date()): Promise<void> {
    const { exclusive, held } = await this.exclusiveAccess(memberId, now);
    if (!productOpenTo(productId, exclusive, held)) throw AppError.forbidden('该商品为会员专享，开通对应会员权益后可见');
  }

  /** The listing as this caller sees it: members-only products only for their holders. */
  async listingFor(memberId: number | null, categoryId?: number): Promise<ProductSummary[]> {
    const items = await this.listing(categoryId);
    const { exclusive, held } = await this.exclusiveAccess(memberId);
    return visibleProducts(items, exclusive, held);
  }

  /**
   * `{ items }` of listingFor, serialized once per cached listing and set of hidden products: almost
   * every caller sees the same body, so it is written out as bytes instead of stringified per request.
   */
  async listingBodyFor(memberId: number | null, categoryId?: number): Promise<SerializedJson> {
    const entry = await this.listingEntry(categoryId);
    const { exclusive, held } = await this.exclusiveAccess(memberId);
    const visible = visibleProducts(entry.items, exclusive, held);
    const hidden =
      visible.length === entry.items.length
        ? ''
        : entry.items
            .filter((p) => !visible.includes(p))
            .map((p) => p.id)
            .join(',');
    let body = entry.bodies.get(hidden);
    if (!body) {
      body = serializeJson({ items: visible });
      entry.bodies.set(hidden, body);
    }
    return body;
  }

  /**
   * The product page serialized (its SVIP prices come from plan benefits, so it is rebuilt after any
   * configuration write as well as after LISTING_TTL_MS); the members-only check runs per caller.
   */
  async detailBodyFor(id: number, memberId: number | null, now = new Date()): Promise<SerializedJson> {
    const generation = this.config.generation;
    let hit = this.pageCache.get(id);
    if (!hit || hit.generation !== generation || Date.now() - hit.at >= LISTING_TTL_MS) {
      if (this.pageCache.size >= MAX_CACHED_PAGES) this.pageCache.clear();
      const entry = { at: Date.now(), generation, page: this.detailOrNull(id, now).then((page) => (page ? serializeJson(page) : null)) };
      this.pageCache.set(id, entry);
      entry.page.catch(() => this.pageCache.get(id) === entry && this.pageCache.delete(id));
      hit = entry;
    }
    const page = await hit.page;
    if (!page) throw AppError.notFound('商品');
    await this.assertOpenTo(memberId, id, now);
    return page;
  }

  async detail(id: number, now = new Date(), memberId: number | null = null) {
    const page = await this.detailOrNull(id, now);
    if (!page) throw AppError.notFound('商品');
    await this.assertOpenTo(memberId, id, now);
    return page;
  }

  /** The product page as every caller sees it (no members-only check), or null when it is not on the shelf. */
  private async detailOrNull(id: number, now: Date) {
    const product = await this.products.findOneBy({ id, status: 'on_shelf' });
    if (!product) return null;
    const skus = await this.skus.find({ where: { productId: id, enabled: true }, order: { priceFen: 'ASC' } });
    const svip = await Promise.all(skus.map((s) => this.svipPrice(product, s, now)));
    return {
      ...toProductSummary(product),
      categoryId: product.categoryId,
      minTierLevel: product.minTierLevel,
      detail: product.detail,
      skus: skus.map((s, i) => ({ id: s.id, specs: s.specs, priceFen: s.priceFen, memberPriceFen: s.memberPriceFen, svipPriceFen: svip[i], stock: s.stock })),
    };
  }
}
