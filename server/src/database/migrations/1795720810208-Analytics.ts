import { MigrationInterface, QueryRunner } from 'typeorm';

export class Analytics1795720810208 implements MigrationInterface {
  name = 'Analytics1795720810208';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`analytics_day\` (\`day\` varchar(10) NOT NULL, \`dirty_version\` int NOT NULL DEFAULT '1', \`done_version\` int NOT NULL DEFAULT '0', \`lease_until\` datetime(3) NULL, \`lease_token\` varchar(36) NOT NULL DEFAULT '', \`computed_at\` datetime(3) NULL, PRIMARY KEY (\`day\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`analytics_sales_day\` (\`day\` varchar(10) NOT NULL, \`store_id\` int NOT NULL, \`guide_id\` int NOT NULL, \`channel\` varchar(32) NOT NULL, \`new_members\` int NOT NULL DEFAULT '0', \`orders\` int NOT NULL DEFAULT '0', \`gmv_fen\` bigint NOT NULL DEFAULT '0', \`refund_fen\` bigint NOT NULL DEFAULT '0', \`svip_orders\` int NOT NULL DEFAULT '0', \`svip_gmv_fen\` bigint NOT NULL DEFAULT '0', \`svip_refund_fen\` bigint NOT NULL DEFAULT '0', \`svip_savings_fen\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`day\`, \`store_id\`, \`guide_id\`, \`channel\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`analytics_cohort_day\` (\`day\` varchar(10) NOT NULL, \`cohort\` varchar(7) NOT NULL, \`orders\` int NOT NULL DEFAULT '0', \`spend_fen\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`day\`, \`cohort\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`analytics_ledger_day\` (\`day\` varchar(10) NOT NULL, \`recharged_principal_fen\` bigint NOT NULL DEFAULT '0', \`recharged_bonus_fen\` bigint NOT NULL DEFAULT '0', \`spent_principal_fen\` bigint NOT NULL DEFAULT '0', \`spent_bonus_fen\` bigint NOT NULL DEFAULT '0', \`refunded_principal_fen\` bigint NOT NULL DEFAULT '0', \`refunded_bonus_fen\` bigint NOT NULL DEFAULT '0', \`other_principal_fen\` bigint NOT NULL DEFAULT '0', \`other_bonus_fen\` bigint NOT NULL DEFAULT '0', \`points_issued\` bigint NOT NULL DEFAULT '0', \`points_redeemed\` bigint NOT NULL DEFAULT '0', \`points_expired\` bigint NOT NULL DEFAULT '0', \`points_other\` bigint NOT NULL DEFAULT '0', \`svip_new\` int NOT NULL DEFAULT '0', \`svip_renewed\` int NOT NULL DEFAULT '0', \`svip_fee_fen\` bigint NOT NULL DEFAULT '0', \`svip_refund_fen\` bigint NOT NULL DEFAULT '0', \`svip_ended\` int NOT NULL DEFAULT '0', \`svip_ended_renewed\` int NOT NULL DEFAULT '0', \`svip_active_end\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`day\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`analytics_snapshot\` (\`day\` varchar(10) NOT NULL, \`metric\` varchar(24) NOT NULL, \`key\` varchar(24) NOT NULL, \`value\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`day\`, \`metric\`, \`key\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`CREATE INDEX \`ix_order_paid_at\` ON \`shop_order\` (\`paid_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_membership_purchase_paid\` ON \`membership_purchase\` (\`paid_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_points_entry_created\` ON \`points_entry\` (\`created_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_wallet_entry_created\` ON \`wallet_entry\` (\`created_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_member_fact_registered\` ON \`member_fact\` (\`registered_at\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_member_fact_registered\` ON \`member_fact\``);
    await queryRunner.query(`DROP INDEX \`ix_wallet_entry_created\` ON \`wallet_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_points_entry_created\` ON \`points_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_membership_purchase_paid\` ON \`membership_purchase\``);
    await queryRunner.query(`DROP INDEX \`ix_order_paid_at\` ON \`shop_order\``);
    await queryRunner.query(`DROP TABLE \`analytics_snapshot\``);
    await queryRunner.query(`DROP TABLE \`analytics_ledger_day\``);
    await queryRunner.query(`DROP TABLE \`analytics_cohort_day\``);
    await queryRunner.query(`DROP TABLE \`analytics_sales_day\``);
    await queryRunner.query(`DROP TABLE \`analytics_day\``);
  }
}
