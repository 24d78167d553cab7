import { MigrationInterface, QueryRunner } from 'typeorm';

export class PointsCashReferral1795373887913 implements MigrationInterface {
  name = 'PointsCashReferral1795373887913';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`points_mall_item\` ADD \`cash_fen\` bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`points_redemption\` ADD \`cash_fen\` bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`points_redemption\` ADD \`out_trade_no\` varchar(32) NULL`);
    await queryRunner.query(`ALTER TABLE \`points_setting\` ADD \`referral_points\` int NOT NULL DEFAULT '200'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`points_setting\` DROP COLUMN \`referral_points\``);
    await queryRunner.query(`ALTER TABLE \`points_redemption\` DROP COLUMN \`out_trade_no\``);
    await queryRunner.query(`ALTER TABLE \`points_redemption\` DROP COLUMN \`cash_fen\``);
    await queryRunner.query(`ALTER TABLE \`points_mall_item\` DROP COLUMN \`cash_fen\``);
  }
}
