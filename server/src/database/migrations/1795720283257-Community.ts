import { MigrationInterface, QueryRunner } from 'typeorm';

export class Community1795720283257 implements MigrationInterface {
  name = 'Community1795720283257';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`community_group\` (\`id\` int NOT NULL AUTO_INCREMENT, \`type\` varchar(8) NOT NULL, \`name\` varchar(30) NOT NULL, \`description\` varchar(200) NOT NULL DEFAULT '', \`cover_upload_id\` int NULL, \`criteria\` text NULL, \`capacity\` int NOT NULL, \`ends_at\` datetime(3) NULL, \`next_group_id\` int NULL, \`perk_coupon_template_id\` int NULL, \`welcome_text\` varchar(200) NOT NULL DEFAULT '', \`enabled\` tinyint NOT NULL DEFAULT 1, \`handed_over_at\` datetime(3) NULL, \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_community_group_type\` (\`type\`, \`enabled\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_code\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL, \`kind\` varchar(8) NOT NULL, \`upload_id\` int NULL, \`image_url\` varchar(255) NOT NULL, \`wecom_config_id\` varchar(64) NULL, \`label\` varchar(40) NOT NULL DEFAULT '', \`capacity\` int NOT NULL, \`used\` int NOT NULL DEFAULT '0', \`expires_at\` datetime(3) NOT NULL, \`removed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_group_code_group\` (\`group_id\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_code_claim\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL, \`member_id\` int NOT NULL, \`code_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_group_code_claim\` (\`group_id\`, \`member_id\`, \`code_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`community_invitation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL, \`member_id\` int NOT NULL, \`reason\` varchar(12) NOT NULL, \`eligible_at\` datetime(3) NOT NULL, \`invited_at\` datetime(3) NULL, \`viewed_at\` datetime(3) NULL, \`code_shown_at\` datetime(3) NULL, \`joined_at\` datetime(3) NULL, \`joined_via\` varchar(8) NULL, \`active_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_community_invitation_member\` (\`member_id\`, \`id\`), UNIQUE INDEX \`uq_community_invitation\` (\`group_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wecom_callback\` (\`id\` int NOT NULL AUTO_INCREMENT, \`signature\` varchar(64) NOT NULL, \`event\` varchar(40) NOT NULL, \`chat_id\` varchar(64) NOT NULL DEFAULT '', \`detail\` varchar(40) NOT NULL DEFAULT '', \`joins_confirmed\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_wecom_callback\` (\`signature\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wecom_group_chat\` (\`id\` int NOT NULL AUTO_INCREMENT, \`chat_id\` varchar(64) NOT NULL, \`group_id\` int NOT NULL, \`code_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_wecom_group_chat\` (\`chat_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`guide_contact_way\` (\`id\` int NOT NULL AUTO_INCREMENT, \`staff_account_id\` int NOT NULL, \`config_id\` varchar(64) NOT NULL, \`qr_code\` varchar(255) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_guide_contact_way\` (\`staff_account_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`community_job_run\` (\`id\` int NOT NULL AUTO_INCREMENT, \`job\` varchar(20) NOT NULL, \`run_key\` varchar(20) NOT NULL, \`summary\` text NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_community_job_run\` (\`job\`, \`run_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_community_job_run\` ON \`community_job_run\``);
    await queryRunner.query(`DROP TABLE \`community_job_run\``);
    await queryRunner.query(`DROP INDEX \`uq_guide_contact_way\` ON \`guide_contact_way\``);
    await queryRunner.query(`DROP TABLE \`guide_contact_way\``);
    await queryRunner.query(`DROP INDEX \`uq_wecom_group_chat\` ON \`wecom_group_chat\``);
    await queryRunner.query(`DROP TABLE \`wecom_group_chat\``);
    await queryRunner.query(`DROP INDEX \`uq_wecom_callback\` ON \`wecom_callback\``);
    await queryRunner.query(`DROP TABLE \`wecom_callback\``);
    await queryRunner.query(`DROP INDEX \`uq_community_invitation\` ON \`community_invitation\``);
    await queryRunner.query(`DROP INDEX \`ix_community_invitation_member\` ON \`community_invitation\``);
    await queryRunner.query(`DROP TABLE \`community_invitation\``);
    await queryRunner.query(`DROP INDEX \`uq_group_code_claim\` ON \`group_code_claim\``);
    await queryRunner.query(`DROP TABLE \`group_code_claim\``);
    await queryRunner.query(`DROP INDEX \`ix_group_code_group\` ON \`group_code\``);
    await queryRunner.query(`DROP TABLE \`group_code\``);
    await queryRunner.query(`DROP INDEX \`ix_community_group_type\` ON \`community_group\``);
    await queryRunner.query(`DROP TABLE \`community_group\``);
  }
}
