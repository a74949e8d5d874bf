import { EmailOtpPurpose } from '@twofold/shared/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One emailed code, bound to a user, a purpose and the session that asked for it. Only the HMAC
 * of the code is stored. A challenge is live while it is neither consumed, superseded, expired
 * nor killed by too many wrong tries.
 */
@Entity({ name: 'email_otp_challenges' })
@Index('idx_email_otp_challenges_binding', ['userId', 'purpose', 'sessionId'])
export class EmailOtpChallenge {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Index('idx_email_otp_challenges_session')
  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 32 })
  purpose!: EmailOtpPurpose;

  /** HMAC-SHA256(SESSION_SECRET, id + code), hex. Never selected unless asked for by name. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64, select: false })
  codeHash?: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'consumed_at', type: 'datetime', precision: 3, nullable: true })
  consumedAt!: Date | null;

  @Column({ name: 'superseded_at', type: 'datetime', precision: 3, nullable: true })
  supersededAt!: Date | null;
}
