import { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberLoops1795706642976 implements MigrationInterface {
  name = 'MemberLoops1795706642976';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`account\` ADD \`work_phone\` varchar(20) NULL`);
    await queryRunner.query(`ALTER TABLE \`account\` ADD \`avatar_url\` varchar(512) NULL`);
    await queryRunner.query(`ALTER TABLE \`membership_plan\` ADD \`refund_policy\` varchar(16) NOT NULL DEFAULT 'full_if_unused'`);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` ADD \`refunded_fen\` bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` ADD \`refund_reason\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` ADD \`refunded_at\` datetime(3) NULL`);
    // Refunds before this migration were always in full.
    await queryRunner.query(`UPDATE \`membership_purchase\` SET \`refunded_fen\` = \`price_fen\` WHERE \`status\` = 'refunded'`);
    await queryRunner.query(`ALTER TABLE \`member\` ADD \`gender\` varchar(8) NOT NULL DEFAULT 'unknown'`);
    await queryRunner.query(`ALTER TABLE \`member\` ADD \`region\` varchar(64) NOT NULL DEFAULT ''`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`member\` DROP COLUMN \`region\``);
    await queryRunner.query(`ALTER TABLE \`member\` DROP COLUMN \`gender\``);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` DROP COLUMN \`refunded_at\``);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` DROP COLUMN \`refund_reason\``);
    await queryRunner.query(`ALTER TABLE \`membership_purchase\` DROP COLUMN \`refunded_fen\``);
    await queryRunner.query(`ALTER TABLE \`membership_plan\` DROP COLUMN \`refund_policy\``);
    await queryRunner.query(`ALTER TABLE \`account\` DROP COLUMN \`avatar_url\``);
    await queryRunner.query(`ALTER TABLE \`account\` DROP COLUMN \`work_phone\``);
  }
}
