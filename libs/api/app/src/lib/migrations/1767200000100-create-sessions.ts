import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateSessions1767200000100 implements MigrationInterface {
  name = 'CreateSessions1767200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'state', type: 'varchar', length: '32' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'last_seen_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3 },
        ],
        uniques: [{ name: 'uq_sessions_token_hash', columnNames: ['token_hash'] }],
        indices: [
          { name: 'idx_sessions_user_id', columnNames: ['user_id'] },
          { name: 'idx_sessions_expires_at', columnNames: ['expires_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_sessions_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sessions');
  }
}
