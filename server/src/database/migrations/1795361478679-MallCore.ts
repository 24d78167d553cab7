import { MigrationInterface, QueryRunner } from 'typeorm';

export class MallCore1795361478679 implements MigrationInterface {
  name = 'MallCore1795361478679';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`category\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(32) NOT NULL, \`icon\` varchar(8) NOT NULL DEFAULT '', \`sort_order\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sku\` (\`id\` int NOT NULL AUTO_INCREMENT, \`product_id\` int NOT NULL, \`specs\` varchar(64) NOT NULL, \`price_fen\` bigint NOT NULL DEFAULT '0', \`member_price_fen\` bigint NULL, \`stock\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_sku_product\` (\`product_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coupon_template\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(32) NOT NULL, \`kind\` varchar(8) NOT NULL, \`amount_fen\` bigint NOT NULL DEFAULT '0', \`percent_bps\` int NOT NULL DEFAULT '10000', \`cap_fen\` bigint NOT NULL DEFAULT '0', \`threshold_fen\` bigint NOT NULL DEFAULT '0', \`product_ids\` varchar(255) NOT NULL DEFAULT '[]', \`category_ids\` varchar(255) NOT NULL DEFAULT '[]', \`stackable\` tinyint NOT NULL DEFAULT 0, \`valid_from\` datetime(3) NULL, \`valid_until\` datetime(3) NULL, \`valid_days\` int NULL, \`per_member_limit\` int NULL, \`total_quantity\` int NULL, \`issued_count\` int NOT NULL DEFAULT '0', \`claimable\` tinyint NOT NULL DEFAULT 1, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coupon\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`template_id\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'available', \`valid_from\` datetime(3) NOT NULL, \`valid_until\` datetime(3) NOT NULL, \`order_id\` int NULL, \`source\` varchar(24) NOT NULL DEFAULT 'claim', \`issue_key\` varchar(96) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_coupon_issue_key\` (\`issue_key\`), INDEX \`ix_coupon_member_status\` (\`member_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coupon_claim_counter\` (\`id\` int NOT NULL AUTO_INCREMENT, \`template_id\` int NOT NULL, \`member_id\` int NOT NULL, \`count\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`uq_coupon_claim_counter\` (\`template_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`shop_order\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_no\` varchar(32) NOT NULL, \`member_id\` int NOT NULL, \`status\` varchar(20) NOT NULL DEFAULT 'pending_payment', \`fulfilment\` varchar(8) NOT NULL, \`address\` text NULL, \`store_id\` int NULL, \`pickup_code\` varchar(12) NULL, \`list_total_fen\` bigint NOT NULL DEFAULT '0', \`member_discount_fen\` bigint NOT NULL DEFAULT '0', \`coupon_discount_fen\` bigint NOT NULL DEFAULT '0', \`points_used\` bigint NOT NULL DEFAULT '0', \`points_deduction_fen\` bigint NOT NULL DEFAULT '0', \`shipping_fen\` bigint NOT NULL DEFAULT '0', \`shipping_balance_fen\` bigint NOT NULL DEFAULT '0', \`shipping_cash_fen\` bigint NOT NULL DEFAULT '0', \`balance_fen\` bigint NOT NULL DEFAULT '0', \`cash_fen\` bigint NOT NULL DEFAULT '0', \`payable_fen\` bigint NOT NULL DEFAULT '0', \`points_earned\` bigint NOT NULL DEFAULT '0', \`growth_earned\` int NOT NULL DEFAULT '0', \`points_restored\` bigint NOT NULL DEFAULT '0', \`points_clawed_back\` bigint NOT NULL DEFAULT '0', \`growth_reversed\` int NOT NULL DEFAULT '0', \`coupons\` varchar(512) NOT NULL DEFAULT '[]', \`savings\` text NULL, \`remark\` varchar(120) NOT NULL DEFAULT '', \`payment_id\` int NULL, \`out_trade_no\` varchar(32) NULL, \`paid_at\` datetime(3) NULL, \`shipped_at\` datetime(3) NULL, \`completed_at\` datetime(3) NULL, \`cancelled_at\` datetime(3) NULL, \`cancel_reason\` varchar(64) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_order_no\` (\`order_no\`), INDEX \`ix_order_status\` (\`status\`, \`id\`), INDEX \`ix_order_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`order_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`sku_id\` int NOT NULL, \`product_id\` int NOT NULL, \`product_name\` varchar(128) NOT NULL, \`specs\` varchar(64) NOT NULL, \`image_url\` varchar(512) NOT NULL DEFAULT '', \`quantity\` int NOT NULL, \`unit_price_fen\` bigint NOT NULL DEFAULT '0', \`list_fen\` bigint NOT NULL DEFAULT '0', \`member_discount_fen\` bigint NOT NULL DEFAULT '0', \`coupon_fen\` bigint NOT NULL DEFAULT '0', \`points_fen\` bigint NOT NULL DEFAULT '0', \`balance_fen\` bigint NOT NULL DEFAULT '0', \`cash_fen\` bigint NOT NULL DEFAULT '0', \`refunded_quantity\` int NOT NULL DEFAULT '0', \`refunded_points_fen\` bigint NOT NULL DEFAULT '0', \`refunded_balance_fen\` bigint NOT NULL DEFAULT '0', \`refunded_cash_fen\` bigint NOT NULL DEFAULT '0', INDEX \`ix_order_line_order\` (\`order_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`after_sale\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`member_id\` int NOT NULL, \`lines\` varchar(512) NOT NULL, \`reason\` varchar(120) NOT NULL DEFAULT '', \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`cash_fen\` bigint NOT NULL DEFAULT '0', \`balance_fen\` bigint NOT NULL DEFAULT '0', \`points_returned\` bigint NOT NULL DEFAULT '0', \`out_refund_no\` varchar(64) NULL, \`review_note\` varchar(120) NOT NULL DEFAULT '', \`reviewed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_after_sale_order\` (\`order_id\`), INDEX \`ix_after_sale_status\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`address\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`name\` varchar(32) NOT NULL, \`phone\` varchar(20) NOT NULL, \`region\` varchar(64) NOT NULL, \`detail\` varchar(128) NOT NULL, \`is_default\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_address_member\` (\`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`product\` ADD \`category_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`product\` ADD \`min_tier_level\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`product\` ADD \`detail\` text NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_product_category\` ON \`product\` (\`category_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_product_category\` ON \`product\``);
    await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`detail\``);
    await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`min_tier_level\``);
    await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`category_id\``);
    await queryRunner.query(`DROP INDEX \`ix_address_member\` ON \`address\``);
    await queryRunner.query(`DROP TABLE \`address\``);
    await queryRunner.query(`DROP INDEX \`ix_after_sale_status\` ON \`after_sale\``);
    await queryRunner.query(`DROP INDEX \`ix_after_sale_order\` ON \`after_sale\``);
    await queryRunner.query(`DROP TABLE \`after_sale\``);
    await queryRunner.query(`DROP INDEX \`ix_order_line_order\` ON \`order_line\``);
    await queryRunner.query(`DROP TABLE \`order_line\``);
    await queryRunner.query(`DROP INDEX \`ix_order_member\` ON \`shop_order\``);
    await queryRunner.query(`DROP INDEX \`ix_order_status\` ON \`shop_order\``);
    await queryRunner.query(`DROP INDEX \`uq_order_no\` ON \`shop_order\``);
    await queryRunner.query(`DROP TABLE \`shop_order\``);
    await queryRunner.query(`DROP INDEX \`uq_coupon_claim_counter\` ON \`coupon_claim_counter\``);
    await queryRunner.query(`DROP TABLE \`coupon_claim_counter\``);
    await queryRunner.query(`DROP INDEX \`ix_coupon_member_status\` ON \`coupon\``);
    await queryRunner.query(`DROP INDEX \`uq_coupon_issue_key\` ON \`coupon\``);
    await queryRunner.query(`DROP TABLE \`coupon\``);
    await queryRunner.query(`DROP TABLE \`coupon_template\``);
    await queryRunner.query(`DROP INDEX \`ix_sku_product\` ON \`sku\``);
    await queryRunner.query(`DROP TABLE \`sku\``);
    await queryRunner.query(`DROP TABLE \`category\``);
  }
}
