import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsWallet1795357855092 implements MigrationInterface {
  name = 'PaymentsWallet1795357855092';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor_account_id\` int NOT NULL, \`actor_role\` varchar(20) NOT NULL, \`action\` varchar(64) NOT NULL, \`target_type\` varchar(32) NOT NULL, \`target_id\` varchar(64) NOT NULL, \`details\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_audit_actor\` (\`actor_account_id\`), INDEX \`ix_audit_target\` (\`target_type\`, \`target_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`idempotency_record\` (\`id\` int NOT NULL AUTO_INCREMENT, \`scope\` varchar(40) NOT NULL, \`idempotency_key\` varchar(64) NOT NULL, \`request_hash\` varchar(64) NOT NULL, \`state\` varchar(16) NOT NULL DEFAULT 'in_progress', \`response_status\` int NULL, \`response_body\` text NULL, \`expires_at\` datetime(3) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_idempotency_expires\` (\`expires_at\`), UNIQUE INDEX \`uq_idempotency_scope_key\` (\`scope\`, \`idempotency_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`out_trade_no\` varchar(32) NOT NULL, \`purpose\` varchar(16) NOT NULL, \`purpose_id\` varchar(64) NOT NULL, \`member_id\` int NOT NULL, \`payer_openid\` varchar(64) NOT NULL, \`amount_fen\` bigint NOT NULL DEFAULT '0', \`description\` varchar(127) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'created', \`transaction_id\` varchar(32) NULL, \`prepay_id\` varchar(64) NULL, \`refunded_fen\` bigint NOT NULL DEFAULT '0', \`late_refund\` tinyint NOT NULL DEFAULT 0, \`expires_at\` datetime(3) NOT NULL, \`paid_at\` datetime(3) NULL, \`closed_at\` datetime(3) NULL, \`close_verified\` tinyint NOT NULL DEFAULT 0, \`lease_until\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_payment_out_trade_no\` (\`out_trade_no\`), INDEX \`ix_payment_member\` (\`member_id\`), UNIQUE INDEX \`uq_payment_transaction_id\` (\`transaction_id\`), INDEX \`ix_payment_purpose\` (\`purpose\`, \`purpose_id\`), INDEX \`ix_payment_status_expires\` (\`status\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payment_notify_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_type\` varchar(32) NOT NULL, \`out_trade_no\` varchar(64) NULL, \`outcome\` varchar(16) NOT NULL, \`reason\` varchar(255) NOT NULL DEFAULT '', \`notify_id\` varchar(64) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_notify_log_out_trade_no\` (\`out_trade_no\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`refund\` (\`id\` int NOT NULL AUTO_INCREMENT, \`payment_id\` int NOT NULL, \`out_refund_no\` varchar(64) NOT NULL, \`amount_fen\` bigint NOT NULL DEFAULT '0', \`reason\` varchar(80) NOT NULL DEFAULT '', \`status\` varchar(16) NOT NULL DEFAULT 'processing', \`wechat_refund_id\` varchar(32) NULL, \`failure_reason\` varchar(255) NULL, \`succeeded_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_refund_payment\` (\`payment_id\`), UNIQUE INDEX \`uq_refund_out_refund_no\` (\`out_refund_no\`), INDEX \`ix_refund_status\` (\`status\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`recharge_plan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(32) NOT NULL, \`pay_fen\` bigint NOT NULL DEFAULT '0', \`bonus_fen\` bigint NOT NULL DEFAULT '0', \`bonus_points\` int NOT NULL DEFAULT '0', \`bonus_growth\` int NOT NULL DEFAULT '0', \`membership_days\` int NOT NULL DEFAULT '0', \`coupon_template_ids\` varchar(255) NOT NULL DEFAULT '[]', \`grant_tier_level\` int NULL, \`badge\` varchar(16) NOT NULL DEFAULT '', \`starts_at\` datetime(3) NULL, \`ends_at\` datetime(3) NULL, \`per_member_limit\` int NULL, \`sort_order\` int NOT NULL DEFAULT '0', \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`recharge\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`plan_id\` int NULL, \`pay_fen\` bigint NOT NULL DEFAULT '0', \`bonus_fen\` bigint NOT NULL DEFAULT '0', \`extras\` varchar(512) NOT NULL DEFAULT '{}', \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`payment_id\` int NULL, \`out_trade_no\` varchar(32) NOT NULL DEFAULT '', \`paid_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_recharge_payment\` (\`payment_id\`), INDEX \`ix_recharge_plan_member\` (\`plan_id\`, \`member_id\`), INDEX \`ix_recharge_member_status\` (\`member_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`delta_principal_fen\` bigint NOT NULL DEFAULT '0', \`delta_bonus_fen\` bigint NOT NULL DEFAULT '0', \`principal_after_fen\` bigint NOT NULL DEFAULT '0', \`bonus_after_fen\` bigint NOT NULL DEFAULT '0', \`kind\` varchar(24) NOT NULL, \`ref_type\` varchar(24) NOT NULL, \`ref_id\` varchar(64) NOT NULL, \`idempotency_key\` varchar(96) NOT NULL, \`note\` varchar(255) NOT NULL DEFAULT '', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_wallet_entry_idempotency\` (\`idempotency_key\`), INDEX \`ix_wallet_entry_kind_created\` (\`kind\`, \`created_at\`), INDEX \`ix_wallet_entry_ref\` (\`ref_type\`, \`ref_id\`), INDEX \`ix_wallet_entry_member\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet_setting\` (\`id\` int NOT NULL, \`spend_rule\` varchar(16) NOT NULL DEFAULT 'proportional', \`pin_required_from_fen\` bigint NOT NULL DEFAULT '20000', \`custom_enabled\` tinyint NOT NULL DEFAULT 1, \`custom_min_fen\` bigint NOT NULL DEFAULT '1000', \`custom_max_fen\` bigint NOT NULL DEFAULT '500000', \`custom_bonus_rate_bps\` int NOT NULL DEFAULT '0', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet\` (\`member_id\` int NOT NULL, \`principal_fen\` bigint NOT NULL DEFAULT '0', \`bonus_fen\` bigint NOT NULL DEFAULT '0', \`pin_hash\` varchar(100) NULL, \`pin_failed_count\` int NOT NULL DEFAULT '0', \`pin_locked_until\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`withdrawal\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`reason\` varchar(120) NOT NULL DEFAULT '', \`principal_fen\` bigint NOT NULL DEFAULT '0', \`bonus_forfeit_fen\` bigint NOT NULL DEFAULT '0', \`refund_plan\` text NULL, \`reviewed_by\` int NULL, \`review_note\` varchar(120) NOT NULL DEFAULT '', \`reviewed_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_withdrawal_member\` (\`member_id\`), INDEX \`ix_withdrawal_status\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_withdrawal_status\` ON \`withdrawal\``);
    await queryRunner.query(`DROP INDEX \`ix_withdrawal_member\` ON \`withdrawal\``);
    await queryRunner.query(`DROP TABLE \`withdrawal\``);
    await queryRunner.query(`DROP TABLE \`wallet\``);
    await queryRunner.query(`DROP TABLE \`wallet_setting\``);
    await queryRunner.query(`DROP INDEX \`ix_wallet_entry_member\` ON \`wallet_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_wallet_entry_ref\` ON \`wallet_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_wallet_entry_kind_created\` ON \`wallet_entry\``);
    await queryRunner.query(`DROP INDEX \`uq_wallet_entry_idempotency\` ON \`wallet_entry\``);
    await queryRunner.query(`DROP TABLE \`wallet_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_recharge_member_status\` ON \`recharge\``);
    await queryRunner.query(`DROP INDEX \`ix_recharge_plan_member\` ON \`recharge\``);
    await queryRunner.query(`DROP INDEX \`uq_recharge_payment\` ON \`recharge\``);
    await queryRunner.query(`DROP TABLE \`recharge\``);
    await queryRunner.query(`DROP TABLE \`recharge_plan\``);
    await queryRunner.query(`DROP INDEX \`ix_refund_status\` ON \`refund\``);
    await queryRunner.query(`DROP INDEX \`uq_refund_out_refund_no\` ON \`refund\``);
    await queryRunner.query(`DROP INDEX \`ix_refund_payment\` ON \`refund\``);
    await queryRunner.query(`DROP TABLE \`refund\``);
    await queryRunner.query(`DROP INDEX \`ix_notify_log_out_trade_no\` ON \`payment_notify_log\``);
    await queryRunner.query(`DROP TABLE \`payment_notify_log\``);
    await queryRunner.query(`DROP INDEX \`ix_payment_status_expires\` ON \`payment\``);
    await queryRunner.query(`DROP INDEX \`ix_payment_purpose\` ON \`payment\``);
    await queryRunner.query(`DROP INDEX \`uq_payment_transaction_id\` ON \`payment\``);
    await queryRunner.query(`DROP INDEX \`ix_payment_member\` ON \`payment\``);
    await queryRunner.query(`DROP INDEX \`uq_payment_out_trade_no\` ON \`payment\``);
    await queryRunner.query(`DROP TABLE \`payment\``);
    await queryRunner.query(`DROP INDEX \`uq_idempotency_scope_key\` ON \`idempotency_record\``);
    await queryRunner.query(`DROP INDEX \`ix_idempotency_expires\` ON \`idempotency_record\``);
    await queryRunner.query(`DROP TABLE \`idempotency_record\``);
    await queryRunner.query(`DROP INDEX \`ix_audit_target\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`ix_audit_actor\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
  }
}
