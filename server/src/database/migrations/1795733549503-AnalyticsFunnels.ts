import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsFunnels1795733549503 implements MigrationInterface {
  name = 'AnalyticsFunnels1795733549503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`analytics_funnel_day\` (\`day\` varchar(10) NOT NULL, \`store_id\` int NOT NULL, \`metric\` varchar(24) NOT NULL, \`value\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`day\`, \`store_id\`, \`metric\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`analytics_funnel_day\``);
  }
}
