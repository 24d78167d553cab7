import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefreshTokens1795699144101 implements MigrationInterface {
  name = 'RefreshTokens1795699144101';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`refresh_token\` (\`id\` int NOT NULL AUTO_INCREMENT, \`token_hash\` varchar(64) NOT NULL, \`family_id\` varchar(32) NOT NULL, \`principal_kind\` varchar(16) NOT NULL, \`principal_id\` int NOT NULL, \`login_at\` datetime(3) NOT NULL, \`issued_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL, \`revoked_at\` datetime(3) NULL, \`revoked_reason\` varchar(16) NULL, \`ip\` varchar(64) NULL, \`user_agent\` varchar(255) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_refresh_token_hash\` (\`token_hash\`), INDEX \`ix_refresh_token_family\` (\`family_id\`), INDEX \`ix_refresh_token_expires\` (\`expires_at\`), INDEX \`ix_refresh_token_revoked\` (\`revoked_at\`), INDEX \`ix_refresh_token_principal\` (\`principal_kind\`, \`principal_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_refresh_token_principal\` ON \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_token_revoked\` ON \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_token_expires\` ON \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_token_family\` ON \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`uq_refresh_token_hash\` ON \`refresh_token\``);
    await queryRunner.query(`DROP TABLE \`refresh_token\``);
  }
}
