import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  EmailOtpPurpose,
  EmailOtpSendRequest,
  EmailOtpSentResponse,
  OtpCodeRequest,
  TotpDisableProof,
  TotpDisableRequest,
  TotpSetupResponse,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import { Observable } from 'rxjs';

/** Two Factor Settings: the status and the changes to the second factors of the signed-in user. */
@Injectable({ providedIn: 'root' })
export class TwoFactorApi {
  private readonly http = inject(HttpClient);

  status(): Observable<TwoFactorStatus> {
    return this.http.get<TwoFactorStatus>('/api/two-factor');
  }

  sendEmailCode(purpose: EmailOtpPurpose): Observable<EmailOtpSentResponse> {
    const body: EmailOtpSendRequest = { purpose };
    return this.http.post<EmailOtpSentResponse>('/api/two-factor/email/send', body);
  }

  enableEmail(code: string): Observable<TwoFactorStatus> {
    const body: OtpCodeRequest = { code };
    return this.http.post<TwoFactorStatus>('/api/two-factor/email/enable', body);
  }

  disableEmail(code: string): Observable<TwoFactorStatus> {
    const body: OtpCodeRequest = { code };
    return this.http.post<TwoFactorStatus>('/api/two-factor/email/disable', body);
  }

  /** Exchanges an emailed code of purpose enable-totp for a new pending authenticator secret. */
  startTotpSetup(code: string): Observable<TotpSetupResponse> {
    const body: OtpCodeRequest = { code };
    return this.http.post<TotpSetupResponse>('/api/two-factor/totp/setup', body);
  }

  /** Turns the pending secret on with the app's current code. */
  activateTotp(code: string): Observable<TwoFactorStatus> {
    const body: OtpCodeRequest = { code };
    return this.http.post<TwoFactorStatus>('/api/two-factor/totp/activate', body);
  }

  disableTotp(code: string, proof: TotpDisableProof): Observable<TwoFactorStatus> {
    const body: TotpDisableRequest = { code, proof };
    return this.http.post<TwoFactorStatus>('/api/two-factor/totp/disable', body);
  }
}
