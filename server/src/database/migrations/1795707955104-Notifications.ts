import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795707955104 implements MigrationInterface {
  name = 'Notifications1795707955104';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notification_scene_config\` (\`scene\` varchar(32) NOT NULL, \`template_id\` varchar(64) NOT NULL DEFAULT '', \`enabled\` tinyint NOT NULL DEFAULT 1, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`scene\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification_consent\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`template_id\` varchar(64) NOT NULL, \`remaining\` int NOT NULL DEFAULT '0', \`granted\` int NOT NULL DEFAULT '0', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_notification_consent\` (\`member_id\`, \`template_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification_send\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`scene\` varchar(32) NOT NULL, \`template_id\` varchar(64) NOT NULL DEFAULT '', \`data\` text NOT NULL, \`page\` varchar(255) NOT NULL DEFAULT '', \`status\` varchar(12) NOT NULL, \`reason\` varchar(16) NOT NULL DEFAULT '', \`errcode\` int NULL, \`error_message\` varchar(255) NOT NULL DEFAULT '', \`dedupe_key\` varchar(96) NULL, \`settled_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_notification_send_dedupe\` (\`dedupe_key\`), INDEX \`ix_notification_send_member\` (\`member_id\`, \`id\`), INDEX \`ix_notification_send_scene\` (\`scene\`, \`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_notification_send_scene\` ON \`notification_send\``);
    await queryRunner.query(`DROP INDEX \`ix_notification_send_member\` ON \`notification_send\``);
    await queryRunner.query(`DROP INDEX \`uq_notification_send_dedupe\` ON \`notification_send\``);
    await queryRunner.query(`DROP TABLE \`notification_send\``);
    await queryRunner.query(`DROP INDEX \`uq_notification_consent\` ON \`notification_consent\``);
    await queryRunner.query(`DROP TABLE \`notification_consent\``);
    await queryRunner.query(`DROP TABLE \`notification_scene_config\``);
  }
}
