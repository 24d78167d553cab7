import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795705776548 implements MigrationInterface {
  name = 'Outbox1795705776548';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outbox_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(48) NOT NULL, \`payload\` text NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lease_until\` datetime(3) NULL, \`dispatched_at\` datetime(3) NULL, \`last_error\` varchar(255) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_outbox_pending\` (\`dispatched_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_outbox_pending\` ON \`outbox_event\``);
    await queryRunner.query(`DROP TABLE \`outbox_event\``);
  }
}
