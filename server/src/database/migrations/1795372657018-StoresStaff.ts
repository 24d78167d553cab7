import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoresStaff1795372657018 implements MigrationInterface {
  name = 'StoresStaff1795372657018';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`member_binding\` (\`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`staff_account_id\` int NULL, \`bound_at\` datetime(3) NOT NULL, \`protected_until\` datetime(3) NOT NULL, \`via\` varchar(12) NOT NULL, INDEX \`ix_member_binding_store\` (\`store_id\`), INDEX \`ix_member_binding_staff\` (\`staff_account_id\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`binding_history\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`staff_account_id\` int NULL, \`from_staff_account_id\` int NULL, \`action\` varchar(12) NOT NULL, \`by_account_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_binding_history_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`attribution\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(12) NOT NULL, \`ref_id\` varchar(32) NOT NULL, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`staff_account_id\` int NULL, \`amount_fen\` bigint NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_attribution_store\` (\`store_id\`, \`created_at\`), INDEX \`ix_attribution_staff\` (\`staff_account_id\`, \`created_at\`), UNIQUE INDEX \`uq_attribution_ref\` (\`kind\`, \`ref_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`staff_invite\` (\`code\` varchar(12) NOT NULL, \`account_id\` int NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`write_off\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(16) NOT NULL, \`ref_id\` varchar(32) NOT NULL, \`store_id\` int NOT NULL, \`staff_account_id\` int NOT NULL, \`member_id\` int NOT NULL, \`title\` varchar(64) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_write_off_store\` (\`store_id\`, \`id\`), UNIQUE INDEX \`uq_write_off_ref\` (\`kind\`, \`ref_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`account\` ADD \`openid\` varchar(64) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_account_openid\` ON \`account\` (\`openid\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_account_openid\` ON \`account\``);
    await queryRunner.query(`ALTER TABLE \`account\` DROP COLUMN \`openid\``);
    await queryRunner.query(`DROP INDEX \`uq_write_off_ref\` ON \`write_off\``);
    await queryRunner.query(`DROP INDEX \`ix_write_off_store\` ON \`write_off\``);
    await queryRunner.query(`DROP TABLE \`write_off\``);
    await queryRunner.query(`DROP TABLE \`staff_invite\``);
    await queryRunner.query(`DROP INDEX \`uq_attribution_ref\` ON \`attribution\``);
    await queryRunner.query(`DROP INDEX \`ix_attribution_staff\` ON \`attribution\``);
    await queryRunner.query(`DROP INDEX \`ix_attribution_store\` ON \`attribution\``);
    await queryRunner.query(`DROP TABLE \`attribution\``);
    await queryRunner.query(`DROP INDEX \`ix_binding_history_member\` ON \`binding_history\``);
    await queryRunner.query(`DROP TABLE \`binding_history\``);
    await queryRunner.query(`DROP INDEX \`ix_member_binding_staff\` ON \`member_binding\``);
    await queryRunner.query(`DROP INDEX \`ix_member_binding_store\` ON \`member_binding\``);
    await queryRunner.query(`DROP TABLE \`member_binding\``);
  }
}
