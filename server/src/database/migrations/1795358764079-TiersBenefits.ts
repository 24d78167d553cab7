import { MigrationInterface, QueryRunner } from 'typeorm';

export class TiersBenefits1795358764079 implements MigrationInterface {
  name = 'TiersBenefits1795358764079';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`qr_nonce\` (\`nonce\` varchar(32) NOT NULL, \`member_id\` int NOT NULL, \`consumed_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`nonce\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`benefit_attachment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`source_type\` varchar(16) NOT NULL, \`source_id\` int NOT NULL, \`benefit_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_benefit_attachment\` (\`source_type\`, \`source_id\`, \`benefit_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`benefit_version\` (\`id\` int NOT NULL AUTO_INCREMENT, \`benefit_id\` int NOT NULL, \`version\` int NOT NULL, \`spec\` text NOT NULL, \`effective_from\` datetime(3) NOT NULL, \`created_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_benefit_version\` (\`benefit_id\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`benefit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`type\` varchar(32) NOT NULL, \`name\` varchar(32) NOT NULL, \`description\` varchar(255) NOT NULL DEFAULT '', \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`growth_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`delta\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`ref_type\` varchar(24) NOT NULL, \`ref_id\` varchar(64) NOT NULL, \`idempotency_key\` varchar(96) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_growth_idempotency\` (\`idempotency_key\`), INDEX \`ix_growth_member_created\` (\`member_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_tier\` (\`member_id\` int NOT NULL, \`level\` int NOT NULL DEFAULT '0', \`since\` datetime(3) NOT NULL, \`keep_until\` datetime(3) NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_member_tier_keep_until\` (\`keep_until\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tier_history\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`from_level\` int NOT NULL, \`to_level\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`trailing_growth\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_tier_history_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tier_setting\` (\`id\` int NOT NULL, \`growth_per_yuan\` int NOT NULL DEFAULT '1', \`growth_from_recharge\` tinyint NOT NULL DEFAULT 0, \`keep_months\` int NOT NULL DEFAULT '12', \`trailing_months\` int NOT NULL DEFAULT '12', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`tier_setting\``);
    await queryRunner.query(`DROP INDEX \`ix_tier_history_member\` ON \`tier_history\``);
    await queryRunner.query(`DROP TABLE \`tier_history\``);
    await queryRunner.query(`DROP INDEX \`ix_member_tier_keep_until\` ON \`member_tier\``);
    await queryRunner.query(`DROP TABLE \`member_tier\``);
    await queryRunner.query(`DROP INDEX \`ix_growth_member_created\` ON \`growth_entry\``);
    await queryRunner.query(`DROP INDEX \`uq_growth_idempotency\` ON \`growth_entry\``);
    await queryRunner.query(`DROP TABLE \`growth_entry\``);
    await queryRunner.query(`DROP TABLE \`benefit\``);
    await queryRunner.query(`DROP INDEX \`uq_benefit_version\` ON \`benefit_version\``);
    await queryRunner.query(`DROP TABLE \`benefit_version\``);
    await queryRunner.query(`DROP INDEX \`uq_benefit_attachment\` ON \`benefit_attachment\``);
    await queryRunner.query(`DROP TABLE \`benefit_attachment\``);
    await queryRunner.query(`DROP TABLE \`qr_nonce\``);
  }
}
