import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The tables of the mfa library: enabled methods and emailed one-time-password challenges. */
export class CreateMfaTables1767200001000 implements MigrationInterface {
  name = 'CreateMfaTables1767200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'mfa_methods',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'method', type: 'varchar', length: '16' },
          { name: 'enabled_at', type: 'datetime', precision: 3 },
        ],
        uniques: [{ name: 'uq_mfa_methods_user_method', columnNames: ['user_id', 'method'] }],
        foreignKeys: [
          {
            name: 'fk_mfa_methods_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'email_otp_challenges',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'session_id', type: 'varchar', length: '36' },
          { name: 'purpose', type: 'varchar', length: '32' },
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'failed_attempts', type: 'int', default: 0 },
          { name: 'consumed_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'superseded_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          {
            name: 'idx_email_otp_challenges_binding',
            columnNames: ['user_id', 'purpose', 'session_id'],
          },
          { name: 'idx_email_otp_challenges_session', columnNames: ['session_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_email_otp_challenges_user',
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
    await queryRunner.dropTable('email_otp_challenges');
    await queryRunner.dropTable('mfa_methods');
  }
}
