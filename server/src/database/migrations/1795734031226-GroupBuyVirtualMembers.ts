import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupBuyVirtualMembers1795734031226 implements MigrationInterface {
  name = 'GroupBuyVirtualMembers1795734031226';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`group_buy_deal\` ADD \`fill_with_virtual\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`group_buy_group\` ADD \`virtual_count\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`group_buy_group\` DROP COLUMN \`virtual_count\``);
    await queryRunner.query(`ALTER TABLE \`group_buy_deal\` DROP COLUMN \`fill_with_virtual\``);
  }
}
