import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ProductSummary } from '@mall/shared';
import { Product } from './product.entity';

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

@Injectable()
export class CatalogService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  listOnShelf(): Promise<Product[]> {
    return this.products.find({ where: { status: 'on_shelf' }, order: { sortOrder: 'ASC', id: 'ASC' }, take: 100 });
  }
}
