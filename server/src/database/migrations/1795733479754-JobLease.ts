import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobLease1795733479754 implements MigrationInterface {
  name = 'JobLease1795733479754';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`job_lease\` (\`name\` varchar(64) NOT NULL, \`owner\` varchar(100) NOT NULL, \`expires_at\` datetime(3) NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`job_lease\``);
  }
}
