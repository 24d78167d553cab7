import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, FenColumn, UpdatedAtColumn } from '../database/columns';

/** A sellable variant: its own price, member price and stock (decremented by conditional UPDATE). */
@Entity('sku')
@Index('ix_sku_product', ['productId'])
export class Sku {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  productId: number;

  /** e.g. "10 包 / 中深烘" */
  @Column({ type: 'varchar', length: 64 })
  specs: string;

  @FenColumn()
  priceFen: number;

  @FenColumn({ nullable: true, default: null })
  memberPriceFen: number | null;

  @Column({ type: 'int', default: 0 })
  stock: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
