import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateAuthFailures1767200000200 implements MigrationInterface {
  name = 'CreateAuthFailures1767200000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'auth_failures',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          // A user's id, or for an unknown username a pseudo id derived from it: no foreign key,
          // so that unknown names lock exactly as real ones do and the lock reveals nothing.
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'idx_auth_failures_user_created', columnNames: ['user_id', 'created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('auth_failures');
  }
}
