import { MigrationInterface, QueryRunner } from 'typeorm';

export class Membership1795363252219 implements MigrationInterface {
  name = 'Membership1795363252219';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`membership_plan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(32) NOT NULL, \`period_unit\` varchar(8) NOT NULL, \`period_days\` int NOT NULL DEFAULT '0', \`price_fen\` bigint NOT NULL DEFAULT '0', \`strike_price_fen\` bigint NULL, \`first_purchase_price_fen\` bigint NULL, \`refund_days\` int NOT NULL DEFAULT '7', \`tagline\` varchar(64) NOT NULL DEFAULT '', \`sort_order\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_purchase\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`plan_id\` int NOT NULL, \`plan_name\` varchar(32) NOT NULL, \`price_fen\` bigint NOT NULL DEFAULT '0', \`paid_by\` varchar(8) NOT NULL, \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`payment_id\` int NULL, \`out_trade_no\` varchar(32) NULL, \`paid_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_membership_purchase_payment\` (\`payment_id\`), INDEX \`ix_membership_purchase_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_period\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`plan_id\` int NOT NULL, \`purchase_id\` int NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`price_fen\` bigint NOT NULL DEFAULT '0', \`status\` varchar(10) NOT NULL DEFAULT 'active', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_membership_period_purchase\` (\`purchase_id\`), INDEX \`ix_membership_period_ends\` (\`ends_at\`), INDEX \`ix_membership_period_member\` (\`member_id\`, \`ends_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_account\` (\`member_id\` int NOT NULL, \`expires_at\` datetime(3) NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`kind\` varchar(12) NOT NULL, \`ends_at_key\` varchar(24) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_membership_event\` (\`member_id\`, \`kind\`, \`ends_at_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_membership_event\` ON \`membership_event\``);
    await queryRunner.query(`DROP TABLE \`membership_event\``);
    await queryRunner.query(`DROP TABLE \`membership_account\``);
    await queryRunner.query(`DROP INDEX \`ix_membership_period_member\` ON \`membership_period\``);
    await queryRunner.query(`DROP INDEX \`ix_membership_period_ends\` ON \`membership_period\``);
    await queryRunner.query(`DROP INDEX \`uq_membership_period_purchase\` ON \`membership_period\``);
    await queryRunner.query(`DROP TABLE \`membership_period\``);
    await queryRunner.query(`DROP INDEX \`ix_membership_purchase_member\` ON \`membership_purchase\``);
    await queryRunner.query(`DROP INDEX \`uq_membership_purchase_payment\` ON \`membership_purchase\``);
    await queryRunner.query(`DROP TABLE \`membership_purchase\``);
    await queryRunner.query(`DROP TABLE \`membership_plan\``);
  }
}
