import { MfaMethod } from '@twofold/shared/contracts';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A second factor a user has turned on: one row per user and method. */
@Entity({ name: 'mfa_methods' })
@Unique('uq_mfa_methods_user_method', ['userId', 'method'])
export class MfaMethodEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: MfaMethod;

  @Column({ name: 'enabled_at', type: 'datetime', precision: 3 })
  enabledAt!: Date;
}
