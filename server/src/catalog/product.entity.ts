import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ProductStatus } from '@mall/shared';
import { CreatedAtColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

export type { ProductStatus };

@Entity('product')
@Index('ix_product_status_sort', ['status', 'sortOrder'])
export class Product {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  subtitle: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  imageUrl: string;

  @FenColumn()
  priceFen: number;

  @FenColumn({ nullable: true, default: null })
  memberPriceFen: number | null;

  /** Sum of SKU stock, kept for listing. */
  @Column({ type: 'int', default: 0 })
  stock: number;

  @Index('ix_product_category')
  @Column({ type: 'int', nullable: true, default: null })
  categoryId: number | null;

  /** Only members at or above this tier level may buy it (0 = everyone). */
  @Column({ type: 'int', default: 0 })
  minTierLevel: number;

  @Column({ type: 'text', nullable: true, default: null })
  detail: string | null;

  /** PRODUCT_STATES: draft → on_shelf ⇄ off_shelf; members see on_shelf only. */
  @Column({ type: 'varchar', length: 16, default: 'on_shelf' })
  status: ProductStatus;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
