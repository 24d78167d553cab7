import { MigrationInterface, QueryRunner } from 'typeorm';

export class LimitsCountHolds1795698492581 implements MigrationInterface {
  name = 'LimitsCountHolds1795698492581';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`recharge_plan_usage\` (\`id\` int NOT NULL AUTO_INCREMENT, \`plan_id\` int NOT NULL, \`member_id\` int NOT NULL, \`used\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`uq_recharge_plan_usage\` (\`plan_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` ADD \`first_price\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`membership_account\` ADD \`first_price_purchase_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`recharge\` ADD \`holds_limit_slot\` tinyint NOT NULL DEFAULT 0`);
    // Eligibility and limits already used by paid history carry over.
    await queryRunner.query(
      `UPDATE \`membership_account\` a JOIN (SELECT \`member_id\`, MIN(\`id\`) AS \`id\` FROM \`membership_purchase\` WHERE \`status\` IN ('paid', 'refunded') GROUP BY \`member_id\`) p ON p.\`member_id\` = a.\`member_id\` SET a.\`first_price_purchase_id\` = p.\`id\``,
    );
    await queryRunner.query(
      `INSERT INTO \`recharge_plan_usage\` (\`plan_id\`, \`member_id\`, \`used\`) SELECT \`plan_id\`, \`member_id\`, COUNT(*) FROM \`recharge\` WHERE \`status\` = 'paid' AND \`plan_id\` IS NOT NULL GROUP BY \`plan_id\`, \`member_id\``,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`recharge\` DROP COLUMN \`holds_limit_slot\``);
    await queryRunner.query(`ALTER TABLE \`membership_account\` DROP COLUMN \`first_price_purchase_id\``);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` DROP COLUMN \`first_price\``);
    await queryRunner.query(`DROP INDEX \`uq_recharge_plan_usage\` ON \`recharge_plan_usage\``);
    await queryRunner.query(`DROP TABLE \`recharge_plan_usage\``);
  }
}
