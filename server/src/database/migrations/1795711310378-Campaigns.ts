import { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795711310378 implements MigrationInterface {
  name = 'Campaigns1795711310378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`campaign\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(40) NOT NULL, \`segment_id\` int NULL, \`schedule\` varchar(255) NOT NULL, \`actions\` text NOT NULL, \`control_percent\` int NOT NULL DEFAULT '0', \`attribution_days\` int NOT NULL DEFAULT '7', \`throttle_per_minute\` int NOT NULL DEFAULT '600', \`status\` varchar(12) NOT NULL DEFAULT 'draft', \`starts_at\` datetime(3) NULL, \`cursor_member_id\` int NOT NULL DEFAULT '0', \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_campaign_status\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`campaign_delivery\` (\`id\` int NOT NULL AUTO_INCREMENT, \`campaign_id\` int NOT NULL, \`member_id\` int NOT NULL, \`occurrence\` varchar(32) NOT NULL, \`cohort\` varchar(8) NOT NULL, \`outcome\` varchar(8) NOT NULL DEFAULT 'pending', \`error\` varchar(200) NOT NULL DEFAULT '', \`opened_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_campaign_delivery_member\` (\`member_id\`, \`id\`), UNIQUE INDEX \`uq_campaign_delivery\` (\`campaign_id\`, \`member_id\`, \`occurrence\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`staff_task\` (\`id\` int NOT NULL AUTO_INCREMENT, \`delivery_id\` int NOT NULL, \`campaign_id\` int NOT NULL, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`staff_account_id\` int NOT NULL, \`reason\` varchar(40) NOT NULL, \`script\` varchar(200) NOT NULL DEFAULT '', \`due_at\` datetime(3) NOT NULL, \`status\` varchar(8) NOT NULL DEFAULT 'open', \`outcome\` varchar(100) NOT NULL DEFAULT '', \`done_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_staff_task_delivery\` (\`delivery_id\`), INDEX \`ix_staff_task_store\` (\`store_id\`, \`status\`, \`due_at\`), INDEX \`ix_staff_task_staff\` (\`staff_account_id\`, \`status\`, \`due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_banner\` (\`id\` int NOT NULL AUTO_INCREMENT, \`delivery_id\` int NOT NULL, \`campaign_id\` int NOT NULL, \`member_id\` int NOT NULL, \`kind\` varchar(8) NOT NULL, \`title\` varchar(20) NOT NULL, \`body\` varchar(100) NOT NULL DEFAULT '', \`link\` varchar(120) NOT NULL DEFAULT '', \`expires_at\` datetime(3) NOT NULL, \`dismissed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_member_banner_delivery\` (\`delivery_id\`), INDEX \`ix_member_banner_member\` (\`member_id\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`campaign_benefit_grant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`delivery_id\` int NOT NULL, \`campaign_id\` int NOT NULL, \`member_id\` int NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_campaign_benefit_delivery\` (\`delivery_id\`), INDEX \`ix_campaign_benefit_member\` (\`member_id\`, \`ends_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    // Existing rows start their stage now; then the column has no default, as the entity says.
    await queryRunner.query(`ALTER TABLE \`member_fact\` ADD \`lifecycle_since\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)`);
    await queryRunner.query(`ALTER TABLE \`member_fact\` ALTER \`lifecycle_since\` DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`member_fact\` DROP COLUMN \`lifecycle_since\``);
    await queryRunner.query(`DROP INDEX \`ix_campaign_benefit_member\` ON \`campaign_benefit_grant\``);
    await queryRunner.query(`DROP INDEX \`uq_campaign_benefit_delivery\` ON \`campaign_benefit_grant\``);
    await queryRunner.query(`DROP TABLE \`campaign_benefit_grant\``);
    await queryRunner.query(`DROP INDEX \`ix_member_banner_member\` ON \`member_banner\``);
    await queryRunner.query(`DROP INDEX \`uq_member_banner_delivery\` ON \`member_banner\``);
    await queryRunner.query(`DROP TABLE \`member_banner\``);
    await queryRunner.query(`DROP INDEX \`ix_staff_task_staff\` ON \`staff_task\``);
    await queryRunner.query(`DROP INDEX \`ix_staff_task_store\` ON \`staff_task\``);
    await queryRunner.query(`DROP INDEX \`uq_staff_task_delivery\` ON \`staff_task\``);
    await queryRunner.query(`DROP TABLE \`staff_task\``);
    await queryRunner.query(`DROP INDEX \`uq_campaign_delivery\` ON \`campaign_delivery\``);
    await queryRunner.query(`DROP INDEX \`ix_campaign_delivery_member\` ON \`campaign_delivery\``);
    await queryRunner.query(`DROP TABLE \`campaign_delivery\``);
    await queryRunner.query(`DROP INDEX \`ix_campaign_status\` ON \`campaign\``);
    await queryRunner.query(`DROP TABLE \`campaign\``);
  }
}
