import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What kind of secret was wrong; every kind counts towards the same per-account limit. */
export enum AuthFailureKind {
  Password = 'password',
  EmailOtp = 'email-otp',
  Totp = 'totp',
}

/** One failed attempt against an account, kept for the hourly limit (ASVS 4.0.3 2.2.1). */
@Entity({ name: 'auth_failures' })
@Index('idx_auth_failures_user_created', ['userId', 'createdAt'])
export class AuthFailure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The account's id, or a pseudo id for an unknown username (see `PasswordSignInService`). */
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AuthFailureKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
