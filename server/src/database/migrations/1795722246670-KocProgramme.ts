import { MigrationInterface, QueryRunner } from 'typeorm';

export class KocProgramme1795722246670 implements MigrationInterface {
  name = 'KocProgramme1795722246670';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`koc_programme\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(40) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`criteria\` text NULL, \`reward_kind\` varchar(12) NOT NULL, \`reward_points\` bigint NOT NULL DEFAULT '0', \`reward_coupon_template_id\` int NULL, \`commission_bps\` int NOT NULL DEFAULT '0', \`commission_days\` int NOT NULL DEFAULT '30', \`refund_window_days\` int NOT NULL DEFAULT '7', \`welcome_coupon_template_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`koc_member\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`programme_id\` int NOT NULL, \`source\` varchar(12) NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_koc_member_member\` (\`member_id\`), INDEX \`ix_koc_member_programme\` (\`programme_id\`, \`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`koc_referral\` (\`id\` int NOT NULL AUTO_INCREMENT, \`invitee_id\` int NOT NULL, \`koc_member_id\` int NOT NULL, \`programme_id\` int NOT NULL, \`bound_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_koc_referral_invitee\` (\`invitee_id\`), INDEX \`ix_koc_referral_koc\` (\`koc_member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`koc_reward\` (\`id\` int NOT NULL AUTO_INCREMENT, \`reward_key\` varchar(48) NOT NULL, \`referral_id\` int NOT NULL, \`programme_id\` int NOT NULL, \`koc_member_id\` int NOT NULL, \`invitee_id\` int NOT NULL, \`order_id\` int NOT NULL, \`kind\` varchar(12) NOT NULL, \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`paid_fen\` bigint NOT NULL DEFAULT '0', \`refunded_fen\` bigint NOT NULL DEFAULT '0', \`reward_points\` bigint NOT NULL DEFAULT '0', \`coupon_template_id\` int NULL, \`commission_bps\` int NOT NULL DEFAULT '0', \`credited_fen\` bigint NOT NULL DEFAULT '0', \`clawed_back_fen\` bigint NOT NULL DEFAULT '0', \`credited_points\` bigint NOT NULL DEFAULT '0', \`clawed_back_points\` bigint NOT NULL DEFAULT '0', \`due_at\` datetime(3) NOT NULL, \`credited_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_koc_reward_key\` (\`reward_key\`), INDEX \`ix_koc_reward_koc\` (\`koc_member_id\`, \`id\`), INDEX \`ix_koc_reward_due\` (\`status\`, \`due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`koc_reward_refund\` (\`id\` int NOT NULL AUTO_INCREMENT, \`after_sale_id\` int NOT NULL, \`reward_id\` int NOT NULL, \`amount_fen\` bigint NOT NULL DEFAULT '0', \`clawed_back_points\` bigint NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_koc_reward_refund\` (\`after_sale_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_koc_reward_refund\` ON \`koc_reward_refund\``);
    await queryRunner.query(`DROP TABLE \`koc_reward_refund\``);
    await queryRunner.query(`DROP INDEX \`ix_koc_reward_due\` ON \`koc_reward\``);
    await queryRunner.query(`DROP INDEX \`ix_koc_reward_koc\` ON \`koc_reward\``);
    await queryRunner.query(`DROP INDEX \`uq_koc_reward_key\` ON \`koc_reward\``);
    await queryRunner.query(`DROP TABLE \`koc_reward\``);
    await queryRunner.query(`DROP INDEX \`ix_koc_referral_koc\` ON \`koc_referral\``);
    await queryRunner.query(`DROP INDEX \`uq_koc_referral_invitee\` ON \`koc_referral\``);
    await queryRunner.query(`DROP TABLE \`koc_referral\``);
    await queryRunner.query(`DROP INDEX \`ix_koc_member_programme\` ON \`koc_member\``);
    await queryRunner.query(`DROP INDEX \`uq_koc_member_member\` ON \`koc_member\``);
    await queryRunner.query(`DROP TABLE \`koc_member\``);
    await queryRunner.query(`DROP TABLE \`koc_programme\``);
  }
}
