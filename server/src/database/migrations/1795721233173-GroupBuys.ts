import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupBuys1795721233173 implements MigrationInterface {
  name = 'GroupBuys1795721233173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`group_buy_deal\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(40) NOT NULL, \`sku_id\` int NOT NULL, \`product_id\` int NOT NULL, \`group_price_fen\` bigint NOT NULL DEFAULT '0', \`leader_discount_fen\` bigint NOT NULL DEFAULT '0', \`group_size\` int NOT NULL, \`time_limit_minutes\` int NOT NULL, \`audience\` varchar(12) NOT NULL DEFAULT 'everyone', \`allow_rejoin\` tinyint NOT NULL DEFAULT 0, \`enabled\` tinyint NOT NULL DEFAULT 1, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_group_buy_deal_window\` (\`enabled\`, \`ends_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_buy_group\` (\`id\` int NOT NULL AUTO_INCREMENT, \`deal_id\` int NOT NULL, \`leader_member_id\` int NOT NULL, \`group_size\` int NOT NULL, \`time_limit_minutes\` int NOT NULL, \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`held_count\` int NOT NULL DEFAULT '0', \`paid_count\` int NOT NULL DEFAULT '0', \`expires_at\` datetime(3) NULL, \`opened_at\` datetime(3) NULL, \`completed_at\` datetime(3) NULL, \`failed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_group_buy_group_deal\` (\`deal_id\`, \`status\`), INDEX \`ix_group_buy_group_due\` (\`status\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_buy_member\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL, \`deal_id\` int NOT NULL, \`member_id\` int NOT NULL, \`order_id\` int NOT NULL, \`role\` varchar(8) NOT NULL, \`status\` varchar(12) NOT NULL DEFAULT 'held', \`unit_price_fen\` bigint NOT NULL DEFAULT '0', \`member_key\` varchar(32) NULL, \`phone_key\` varchar(32) NULL, \`after_sale_id\` int NULL, \`refunded_fen\` bigint NOT NULL DEFAULT '0', \`paid_at\` datetime(3) NULL, \`refunded_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_group_buy_member_status\` (\`status\`, \`id\`), INDEX \`ix_group_buy_member_member\` (\`member_id\`, \`id\`), INDEX \`ix_group_buy_member_group\` (\`group_id\`, \`status\`), UNIQUE INDEX \`uq_group_buy_member_phone\` (\`phone_key\`), UNIQUE INDEX \`uq_group_buy_member_key\` (\`member_key\`), UNIQUE INDEX \`uq_group_buy_member_order\` (\`order_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_group_buy_member_order\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`uq_group_buy_member_key\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`uq_group_buy_member_phone\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_member_group\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_member_member\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_member_status\` ON \`group_buy_member\``);
    await queryRunner.query(`DROP TABLE \`group_buy_member\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_group_due\` ON \`group_buy_group\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_group_deal\` ON \`group_buy_group\``);
    await queryRunner.query(`DROP TABLE \`group_buy_group\``);
    await queryRunner.query(`DROP INDEX \`ix_group_buy_deal_window\` ON \`group_buy_deal\``);
    await queryRunner.query(`DROP TABLE \`group_buy_deal\``);
  }
}
