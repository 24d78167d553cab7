import { MigrationInterface, QueryRunner } from 'typeorm';

export class Insight1795709407939 implements MigrationInterface {
  name = 'Insight1795709407939';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`member_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`type\` varchar(12) NOT NULL, \`object_id\` int NULL, \`term\` varchar(64) NULL, \`source\` varchar(24) NULL, \`occurred_at\` datetime(3) NOT NULL, \`client_event_id\` varchar(40) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_member_event_client\` (\`member_id\`, \`client_event_id\`), INDEX \`ix_member_event_time\` (\`occurred_at\`), INDEX \`ix_member_event_member\` (\`member_id\`, \`type\`, \`occurred_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`favourite\` (\`member_id\` int NOT NULL, \`product_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_favourite_member\` (\`member_id\`, \`created_at\`), PRIMARY KEY (\`member_id\`, \`product_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_fact\` (\`member_id\` int NOT NULL, \`registered_at\` datetime(3) NOT NULL, \`first_order_at\` datetime(3) NULL, \`last_order_at\` datetime(3) NULL, \`last_active_at\` datetime(3) NULL, \`order_count\` int NOT NULL DEFAULT '0', \`spend_fen\` bigint NOT NULL DEFAULT '0', \`order_count30d\` int NOT NULL DEFAULT '0', \`spend30d_fen\` bigint NOT NULL DEFAULT '0', \`order_count90d\` int NOT NULL DEFAULT '0', \`spend90d_fen\` bigint NOT NULL DEFAULT '0', \`avg_order_fen\` bigint NULL, \`province\` varchar(32) NULL, \`city\` varchar(32) NULL, \`gender\` varchar(8) NOT NULL DEFAULT 'unknown', \`birthday_month\` int NULL, \`source_channel\` varchar(32) NULL, \`store_id\` int NULL, \`guide_id\` int NULL, \`tier_level\` int NOT NULL DEFAULT '1', \`svip_active\` tinyint NOT NULL DEFAULT 0, \`svip_expires_at\` datetime(3) NULL, \`wallet_fen\` bigint NOT NULL DEFAULT '0', \`points\` bigint NOT NULL DEFAULT '0', \`favourite_count\` int NOT NULL DEFAULT '0', \`lifecycle\` varchar(12) NOT NULL DEFAULT 'prospect', \`rfm\` varchar(20) NOT NULL DEFAULT 'none', \`refreshed_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_member_fact_region\` (\`province\`, \`city\`), INDEX \`ix_member_fact_last_active\` (\`last_active_at\`), INDEX \`ix_member_fact_last_order\` (\`last_order_at\`), INDEX \`ix_member_fact_lifecycle\` (\`lifecycle\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag_group\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(32) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_tag_group_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL DEFAULT '0', \`name\` varchar(32) NOT NULL, \`kind\` varchar(8) NOT NULL, \`system_key\` varchar(40) NULL, \`staff_assignable\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_tag_system_key\` (\`system_key\`), UNIQUE INDEX \`uq_tag_name\` (\`group_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_tag\` (\`member_id\` int NOT NULL, \`tag_id\` int NOT NULL, \`source\` varchar(8) NOT NULL, \`by_account_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_member_tag_tag\` (\`tag_id\`, \`member_id\`), PRIMARY KEY (\`member_id\`, \`tag_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`segment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(40) NOT NULL, \`definition\` text NOT NULL, \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`segment\``);
    await queryRunner.query(`DROP INDEX \`ix_member_tag_tag\` ON \`member_tag\``);
    await queryRunner.query(`DROP TABLE \`member_tag\``);
    await queryRunner.query(`DROP INDEX \`uq_tag_name\` ON \`tag\``);
    await queryRunner.query(`DROP INDEX \`uq_tag_system_key\` ON \`tag\``);
    await queryRunner.query(`DROP TABLE \`tag\``);
    await queryRunner.query(`DROP INDEX \`uq_tag_group_name\` ON \`tag_group\``);
    await queryRunner.query(`DROP TABLE \`tag_group\``);
    await queryRunner.query(`DROP INDEX \`ix_member_fact_lifecycle\` ON \`member_fact\``);
    await queryRunner.query(`DROP INDEX \`ix_member_fact_last_order\` ON \`member_fact\``);
    await queryRunner.query(`DROP INDEX \`ix_member_fact_last_active\` ON \`member_fact\``);
    await queryRunner.query(`DROP INDEX \`ix_member_fact_region\` ON \`member_fact\``);
    await queryRunner.query(`DROP TABLE \`member_fact\``);
    await queryRunner.query(`DROP INDEX \`ix_favourite_member\` ON \`favourite\``);
    await queryRunner.query(`DROP TABLE \`favourite\``);
    await queryRunner.query(`DROP INDEX \`ix_member_event_member\` ON \`member_event\``);
    await queryRunner.query(`DROP INDEX \`ix_member_event_time\` ON \`member_event\``);
    await queryRunner.query(`DROP INDEX \`uq_member_event_client\` ON \`member_event\``);
    await queryRunner.query(`DROP TABLE \`member_event\``);
  }
}
