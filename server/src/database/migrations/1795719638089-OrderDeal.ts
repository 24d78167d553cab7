import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderDeal1795719638089 implements MigrationInterface {
  name = 'OrderDeal1795719638089';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`deal_kind\` varchar(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`deal_ref\` varchar(64) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`deal_ref\``);
    await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`deal_kind\``);
  }
}
