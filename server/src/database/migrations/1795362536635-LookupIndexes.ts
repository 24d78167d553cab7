import { MigrationInterface, QueryRunner } from 'typeorm';

export class LookupIndexes1795362536635 implements MigrationInterface {
  name = 'LookupIndexes1795362536635';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX \`ix_coupon_order\` ON \`coupon\` (\`order_id\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_after_sale_refund_no\` ON \`after_sale\` (\`out_refund_no\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_after_sale_refund_no\` ON \`after_sale\``);
    await queryRunner.query(`DROP INDEX \`ix_coupon_order\` ON \`coupon\``);
  }
}
