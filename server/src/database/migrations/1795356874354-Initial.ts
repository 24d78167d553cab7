import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795356874354 implements MigrationInterface {
  name = 'Initial1795356874354';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`password_hash\` varchar(100) NOT NULL, \`display_name\` varchar(64) NOT NULL, \`role\` varchar(20) NOT NULL, \`store_id\` int NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`last_login_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_account_username\` (\`username\`), INDEX \`ix_account_store\` (\`store_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`product\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`subtitle\` varchar(255) NOT NULL DEFAULT '', \`image_url\` varchar(512) NOT NULL DEFAULT '', \`price_fen\` bigint NOT NULL DEFAULT '0', \`member_price_fen\` bigint NULL, \`stock\` int NOT NULL DEFAULT '0', \`status\` varchar(16) NOT NULL DEFAULT 'on_shelf', \`sort_order\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_product_status_sort\` (\`status\`, \`sort_order\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`nickname\` varchar(64) NOT NULL DEFAULT '', \`avatar_url\` varchar(512) NULL, \`phone\` varchar(20) NULL, \`register_scene\` varchar(64) NULL, \`last_login_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_member_openid\` (\`openid\`), INDEX \`ix_member_unionid\` (\`unionid\`), INDEX \`ix_member_phone\` (\`phone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`store\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`address\` varchar(255) NOT NULL DEFAULT '', \`latitude\` double NULL, \`longitude\` double NULL, \`opening_hours\` varchar(64) NOT NULL DEFAULT '', \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tier\` (\`id\` int NOT NULL AUTO_INCREMENT, \`level\` int NOT NULL, \`name\` varchar(32) NOT NULL, \`growth_threshold\` int NOT NULL, \`color\` varchar(16) NOT NULL DEFAULT '#C8A063', \`description\` varchar(255) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_tier_level\` (\`level\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_tier_level\` ON \`tier\``);
    await queryRunner.query(`DROP TABLE \`tier\``);
    await queryRunner.query(`DROP TABLE \`store\``);
    await queryRunner.query(`DROP INDEX \`ix_member_phone\` ON \`member\``);
    await queryRunner.query(`DROP INDEX \`ix_member_unionid\` ON \`member\``);
    await queryRunner.query(`DROP INDEX \`uq_member_openid\` ON \`member\``);
    await queryRunner.query(`DROP TABLE \`member\``);
    await queryRunner.query(`DROP INDEX \`ix_product_status_sort\` ON \`product\``);
    await queryRunner.query(`DROP TABLE \`product\``);
    await queryRunner.query(`DROP INDEX \`ix_account_store\` ON \`account\``);
    await queryRunner.query(`DROP INDEX \`uq_account_username\` ON \`account\``);
    await queryRunner.query(`DROP TABLE \`account\``);
  }
}
