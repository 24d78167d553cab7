import { MigrationInterface, QueryRunner } from 'typeorm';

export class Uploads1795705567868 implements MigrationInterface {
  name = 'Uploads1795705567868';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`upload\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storage_key\` varchar(96) NOT NULL, \`owner_kind\` varchar(8) NOT NULL, \`owner_id\` int NOT NULL, \`purpose\` varchar(16) NOT NULL, \`mime_type\` varchar(32) NOT NULL, \`size_bytes\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_upload_key\` (\`storage_key\`), INDEX \`ix_upload_owner\` (\`owner_kind\`, \`owner_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_upload_owner\` ON \`upload\``);
    await queryRunner.query(`DROP INDEX \`uq_upload_key\` ON \`upload\``);
    await queryRunner.query(`DROP TABLE \`upload\``);
  }
}
