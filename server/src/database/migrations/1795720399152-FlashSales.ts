import { MigrationInterface, QueryRunner } from 'typeorm';

export class FlashSales1795720399152 implements MigrationInterface {
  name = 'FlashSales1795720399152';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`flash_sale_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(40) NOT NULL, \`product_id\` int NOT NULL, \`sku_id\` int NOT NULL, \`deal_price_fen\` bigint NOT NULL DEFAULT '0', \`stock_total\` int NOT NULL, \`stock_left\` int NOT NULL, \`reserved_count\` int NOT NULL DEFAULT '0', \`sold_count\` int NOT NULL DEFAULT '0', \`per_member_limit\` int NOT NULL, \`start_at\` datetime(3) NOT NULL, \`end_at\` datetime(3) NOT NULL, \`hold_minutes\` int NOT NULL DEFAULT '15', \`audience\` varchar(255) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_flash_sale_event_window\` (\`enabled\`, \`end_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`flash_sale_purchase\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_id\` int NOT NULL, \`member_id\` int NOT NULL, \`taken\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`uq_flash_sale_purchase\` (\`event_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`flash_sale_reservation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_id\` int NOT NULL, \`member_id\` int NOT NULL, \`order_id\` int NOT NULL, \`quantity\` int NOT NULL, \`status\` varchar(10) NOT NULL DEFAULT 'pending', \`inflight_key\` varchar(32) NULL, \`expires_at\` datetime(3) NOT NULL, \`release_reason\` varchar(64) NOT NULL DEFAULT '', \`settled_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_flash_sale_reservation_event\` (\`event_id\`, \`status\`), INDEX \`ix_flash_sale_reservation_due\` (\`status\`, \`expires_at\`), UNIQUE INDEX \`uq_flash_sale_reservation_inflight\` (\`inflight_key\`), UNIQUE INDEX \`uq_flash_sale_reservation_order\` (\`order_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`flash_sale_reminder\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_id\` int NOT NULL, \`member_id\` int NOT NULL, \`notify_at\` datetime(3) NOT NULL, \`status\` varchar(8) NOT NULL DEFAULT 'pending', \`sent_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_flash_sale_reminder_due\` (\`status\`, \`notify_at\`), UNIQUE INDEX \`uq_flash_sale_reminder\` (\`event_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_flash_sale_reminder\` ON \`flash_sale_reminder\``);
    await queryRunner.query(`DROP INDEX \`ix_flash_sale_reminder_due\` ON \`flash_sale_reminder\``);
    await queryRunner.query(`DROP TABLE \`flash_sale_reminder\``);
    await queryRunner.query(`DROP INDEX \`uq_flash_sale_reservation_order\` ON \`flash_sale_reservation\``);
    await queryRunner.query(`DROP INDEX \`uq_flash_sale_reservation_inflight\` ON \`flash_sale_reservation\``);
    await queryRunner.query(`DROP INDEX \`ix_flash_sale_reservation_due\` ON \`flash_sale_reservation\``);
    await queryRunner.query(`DROP INDEX \`ix_flash_sale_reservation_event\` ON \`flash_sale_reservation\``);
    await queryRunner.query(`DROP TABLE \`flash_sale_reservation\``);
    await queryRunner.query(`DROP INDEX \`uq_flash_sale_purchase\` ON \`flash_sale_purchase\``);
    await queryRunner.query(`DROP TABLE \`flash_sale_purchase\``);
    await queryRunner.query(`DROP INDEX \`ix_flash_sale_event_window\` ON \`flash_sale_event\``);
    await queryRunner.query(`DROP TABLE \`flash_sale_event\``);
  }
}
