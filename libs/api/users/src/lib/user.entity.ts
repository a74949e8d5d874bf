import { Role } from '@twofold/shared/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  username!: string;

  /** Stored lower-cased, so that uniqueness does not depend on the database's collation. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  /** Never selected unless asked for by name (`UsersService.findByUsernameWithHash`). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash?: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
