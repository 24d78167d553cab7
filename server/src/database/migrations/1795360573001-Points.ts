import { MigrationInterface, QueryRunner } from 'typeorm';

export class Points1795360573001 implements MigrationInterface {
  name = 'Points1795360573001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`points_account\` (\`member_id\` int NOT NULL, \`balance_points\` bigint NOT NULL DEFAULT '0', \`shortfall_points\` bigint NOT NULL DEFAULT '0', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`delta_points\` bigint NOT NULL DEFAULT '0', \`balance_after_points\` bigint NOT NULL DEFAULT '0', \`kind\` varchar(16) NOT NULL, \`ref_type\` varchar(24) NOT NULL, \`ref_id\` varchar(64) NOT NULL, \`idempotency_key\` varchar(96) NOT NULL, \`details\` text NULL, \`note\` varchar(120) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_points_entry_idempotency\` (\`idempotency_key\`), INDEX \`ix_points_entry_ref\` (\`ref_type\`, \`ref_id\`), INDEX \`ix_points_entry_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_lot\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`amount_points\` bigint NOT NULL DEFAULT '0', \`remaining_points\` bigint NOT NULL DEFAULT '0', \`source\` varchar(24) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`expired_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_points_lot_expiry\` (\`expired_at\`, \`expires_at\`), INDEX \`ix_points_lot_member_expiry\` (\`member_id\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_mall_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`description\` varchar(255) NOT NULL DEFAULT '', \`image_url\` varchar(512) NOT NULL DEFAULT '', \`price_points\` bigint NOT NULL DEFAULT '0', \`stock\` int NOT NULL DEFAULT '0', \`per_member_limit\` int NULL, \`sort_order\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_redemption\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`item_id\` int NOT NULL, \`item_name\` varchar(64) NOT NULL, \`points\` bigint NOT NULL DEFAULT '0', \`pickup_code\` varchar(12) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'issued', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_points_redemption_code\` (\`pickup_code\`), INDEX \`ix_points_redemption_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_reminder\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`expires_day\` varchar(10) NOT NULL, \`points\` bigint NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_points_reminder\` (\`member_id\`, \`expires_day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_setting\` (\`id\` int NOT NULL, \`base_per_yuan\` int NOT NULL DEFAULT '1', \`spend_earn_enabled\` tinyint NOT NULL DEFAULT 1, \`expiry_kind\` varchar(8) NOT NULL DEFAULT 'rolling', \`expiry_months\` int NOT NULL DEFAULT '12', \`annual_clear_month\` int NOT NULL DEFAULT '12', \`annual_clear_day\` int NOT NULL DEFAULT '31', \`sign_in_enabled\` tinyint NOT NULL DEFAULT 1, \`sign_in_points\` int NOT NULL DEFAULT '5', \`sign_in_streak_bonus\` int NOT NULL DEFAULT '30', \`first_order_points\` int NOT NULL DEFAULT '100', \`profile_points\` int NOT NULL DEFAULT '50', \`daily_cap\` int NOT NULL DEFAULT '0', \`monthly_cap\` int NOT NULL DEFAULT '0', \`deduct_points_per_yuan\` int NOT NULL DEFAULT '100', \`deduct_max_share_bps\` int NOT NULL DEFAULT '5000', \`remind_days_before\` int NOT NULL DEFAULT '7', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_sign_in\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`day\` varchar(10) NOT NULL, \`streak\` int NOT NULL, \`points\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_points_sign_in\` (\`member_id\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_points_sign_in\` ON \`points_sign_in\``);
    await queryRunner.query(`DROP TABLE \`points_sign_in\``);
    await queryRunner.query(`DROP TABLE \`points_setting\``);
    await queryRunner.query(`DROP INDEX \`uq_points_reminder\` ON \`points_reminder\``);
    await queryRunner.query(`DROP TABLE \`points_reminder\``);
    await queryRunner.query(`DROP INDEX \`ix_points_redemption_member\` ON \`points_redemption\``);
    await queryRunner.query(`DROP INDEX \`uq_points_redemption_code\` ON \`points_redemption\``);
    await queryRunner.query(`DROP TABLE \`points_redemption\``);
    await queryRunner.query(`DROP TABLE \`points_mall_item\``);
    await queryRunner.query(`DROP INDEX \`ix_points_lot_member_expiry\` ON \`points_lot\``);
    await queryRunner.query(`DROP INDEX \`ix_points_lot_expiry\` ON \`points_lot\``);
    await queryRunner.query(`DROP TABLE \`points_lot\``);
    await queryRunner.query(`DROP INDEX \`ix_points_entry_member\` ON \`points_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_points_entry_ref\` ON \`points_entry\``);
    await queryRunner.query(`DROP INDEX \`uq_points_entry_idempotency\` ON \`points_entry\``);
    await queryRunner.query(`DROP TABLE \`points_entry\``);
    await queryRunner.query(`DROP TABLE \`points_account\``);
  }
}
