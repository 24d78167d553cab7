import { MigrationInterface, QueryRunner } from 'typeorm';

export class BenefitGrants1795360949847 implements MigrationInterface {
  name = 'BenefitGrants1795360949847';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`benefit_grant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`grant_key\` varchar(96) NOT NULL, \`member_id\` int NOT NULL, \`benefit_id\` int NOT NULL, \`kind\` varchar(24) NOT NULL, \`period\` varchar(16) NOT NULL, \`points\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_benefit_grant_key\` (\`grant_key\`), INDEX \`ix_benefit_grant_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`member\` ADD \`birthday\` varchar(10) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`member\` DROP COLUMN \`birthday\``);
    await queryRunner.query(`DROP INDEX \`ix_benefit_grant_member\` ON \`benefit_grant\``);
    await queryRunner.query(`DROP INDEX \`uq_benefit_grant_key\` ON \`benefit_grant\``);
    await queryRunner.query(`DROP TABLE \`benefit_grant\``);
  }
}
