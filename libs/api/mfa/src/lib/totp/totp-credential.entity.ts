import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

export enum TotpCredentialState {
  /** Set up but not yet confirmed with a code from the app; expires. */
  Pending = 'pending',
  /** Confirmed: the user signs in with it. */
  Active = 'active',
}

/**
 * A user's authenticator-app secret, sealed with `SecretCipher`. The unique key on
 * (user, state) allows at most one pending and one active secret per user, also when requests
 * race or several API instances share the database.
 */
@Entity({ name: 'totp_credentials' })
@Unique('uq_totp_credentials_user_state', ['userId', 'state'])
export class TotpCredential {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** `v1:keyId:iv:tag:ciphertext`, never selected unless asked for by name. */
  @Column({ name: 'sealed_secret', type: 'varchar', length: 255, select: false })
  sealedSecret?: string;

  @Column({ type: 'varchar', length: 16 })
  state!: TotpCredentialState;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When a pending secret stops working; null once active. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'activated_at', type: 'datetime', precision: 3, nullable: true })
  activatedAt!: Date | null;

  /** The last 30-second step whose code was accepted; a code of that step or earlier is refused. */
  @Column({ name: 'last_used_step', type: 'int', nullable: true })
  lastUsedStep!: number | null;
}
