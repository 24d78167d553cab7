import { MigrationInterface, QueryRunner } from 'typeorm';

export class ArchitecturePass1795696855935 implements MigrationInterface {
  name = 'ArchitecturePass1795696855935';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`stock_movement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`sku_id\` int NOT NULL, \`kind\` varchar(12) NOT NULL, \`delta\` int NOT NULL, \`quantity\` int NOT NULL, \`ref_type\` varchar(24) NOT NULL, \`ref_id\` varchar(64) NOT NULL, \`idempotency_key\` varchar(96) NOT NULL, \`note\` varchar(120) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_stock_movement_key\` (\`idempotency_key\`), INDEX \`ix_stock_movement_ref\` (\`ref_type\`, \`ref_id\`), INDEX \`ix_stock_movement_sku\` (\`sku_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`membership_period\` ADD \`grant_key\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`recharge_plan\` ADD \`membership_plan_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`membership_period\` CHANGE \`purchase_id\` \`purchase_id\` int NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_membership_period_grant\` ON \`membership_period\` (\`grant_key\`)`);
    // Movements start with each SKU's current stock as its opening balance (the key StockService.open uses).
    await queryRunner.query(
      `INSERT INTO \`stock_movement\` (\`sku_id\`, \`kind\`, \`delta\`, \`quantity\`, \`ref_type\`, \`ref_id\`, \`idempotency_key\`, \`note\`) SELECT \`id\`, 'opening', \`stock\`, \`stock\`, 'sku', \`id\`, CONCAT('opening:sku:', \`id\`, ':', \`id\`), 'opening balance' FROM \`sku\` WHERE \`stock\` <> 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_membership_period_grant\` ON \`membership_period\``);
    await queryRunner.query(`ALTER TABLE \`membership_period\` CHANGE \`purchase_id\` \`purchase_id\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`recharge_plan\` DROP COLUMN \`membership_plan_id\``);
    await queryRunner.query(`ALTER TABLE \`membership_period\` DROP COLUMN \`grant_key\``);
    await queryRunner.query(`DROP INDEX \`ix_stock_movement_sku\` ON \`stock_movement\``);
    await queryRunner.query(`DROP INDEX \`ix_stock_movement_ref\` ON \`stock_movement\``);
    await queryRunner.query(`DROP INDEX \`uq_stock_movement_key\` ON \`stock_movement\``);
    await queryRunner.query(`DROP TABLE \`stock_movement\``);
  }
}
