import { MigrationInterface, QueryRunner } from 'typeorm';

export class Fulfilment1795707837281 implements MigrationInterface {
  name = 'Fulfilment1795707837281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`shipment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`carrier_code\` varchar(16) NOT NULL, \`tracking_no\` varchar(32) NOT NULL, \`lines\` varchar(1024) NOT NULL, \`shipped_at\` datetime(3) NOT NULL, \`account_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_shipment_tracking\` (\`carrier_code\`, \`tracking_no\`), INDEX \`ix_shipment_order\` (\`order_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`order_line\` ADD \`shipped_quantity\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`order_line\` ADD \`cancelled_quantity\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`order_line\` ADD \`after_sale_quantity\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`kind\` varchar(16) NOT NULL DEFAULT 'refund_only'`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`reason_code\` varchar(24) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`photo_ids\` varchar(128) NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`return_address\` varchar(200) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`return_carrier_code\` varchar(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`return_tracking_no\` varchar(32) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`return_shipped_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`received_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`replacement_carrier_code\` varchar(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`replacement_tracking_no\` varchar(32) NULL`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` ADD \`replacement_shipped_at\` datetime(3) NULL`);
    // Widen in place (the generator would drop and re-add the column, losing every status).
    await queryRunner.query(`ALTER TABLE \`after_sale\` MODIFY \`status\` varchar(16) NOT NULL DEFAULT 'pending'`);
    // Existing rows: shipped delivery orders shipped everything not refunded; units already asked for count as requested.
    await queryRunner.query(
      `UPDATE \`order_line\` l JOIN \`shop_order\` o ON o.id = l.order_id SET l.shipped_quantity = l.quantity - l.refunded_quantity WHERE o.fulfilment = 'delivery' AND o.status IN ('shipped', 'completed') AND o.shipped_at IS NOT NULL`,
    );
    await queryRunner.query(`UPDATE \`order_line\` SET after_sale_quantity = refunded_quantity`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`after_sale\` MODIFY \`status\` varchar(12) NOT NULL DEFAULT 'pending'`);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`replacement_shipped_at\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`replacement_tracking_no\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`replacement_carrier_code\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`received_at\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`return_shipped_at\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`return_tracking_no\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`return_carrier_code\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`return_address\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`photo_ids\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`reason_code\``);
    await queryRunner.query(`ALTER TABLE \`after_sale\` DROP COLUMN \`kind\``);
    await queryRunner.query(`ALTER TABLE \`order_line\` DROP COLUMN \`after_sale_quantity\``);
    await queryRunner.query(`ALTER TABLE \`order_line\` DROP COLUMN \`cancelled_quantity\``);
    await queryRunner.query(`ALTER TABLE \`order_line\` DROP COLUMN \`shipped_quantity\``);
    await queryRunner.query(`DROP INDEX \`ix_shipment_order\` ON \`shipment\``);
    await queryRunner.query(`DROP INDEX \`uq_shipment_tracking\` ON \`shipment\``);
    await queryRunner.query(`DROP TABLE \`shipment\``);
  }
}
