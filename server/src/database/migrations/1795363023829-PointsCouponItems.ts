import { MigrationInterface, QueryRunner } from 'typeorm';

export class PointsCouponItems1795363023829 implements MigrationInterface {
  name = 'PointsCouponItems1795363023829';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`points_mall_item\` ADD \`coupon_template_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`points_redemption\` CHANGE \`pickup_code\` \`pickup_code\` varchar(12) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`points_redemption\` CHANGE \`pickup_code\` \`pickup_code\` varchar(12) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`points_mall_item\` DROP COLUMN \`coupon_template_id\``);
  }
}
