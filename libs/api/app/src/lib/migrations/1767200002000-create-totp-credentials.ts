import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Authenticator-app (TOTP) secrets, sealed, at most one pending and one active per user. */
export class CreateTotpCredentials1767200002000 implements MigrationInterface {
  name = 'CreateTotpCredentials1767200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'totp_credentials',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'sealed_secret', type: 'varchar', length: '255' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'activated_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_used_step', type: 'int', isNullable: true },
        ],
        uniques: [{ name: 'uq_totp_credentials_user_state', columnNames: ['user_id', 'state'] }],
        foreignKeys: [
          {
            name: 'fk_totp_credentials_user',
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
    await queryRunner.dropTable('totp_credentials');
  }
}
