import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentIndexes1795713533146 implements MigrationInterface {
  name = 'SegmentIndexes1795713533146';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX \`ix_member_event_type_time\` ON \`member_event\` (\`type\`, \`occurred_at\`, \`member_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_member_event_type_time\` ON \`member_event\``);
  }
}
