import { MigrationInterface, QueryRunner } from 'typeorm';

export class BindingPolicy1795373646122 implements MigrationInterface {
  name = 'BindingPolicy1795373646122';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`binding_setting\` (\`id\` int NOT NULL, \`protection_days\` int NOT NULL DEFAULT '90', \`rebind_after_protection\` tinyint NOT NULL DEFAULT 1, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`binding_setting\``);
  }
}
