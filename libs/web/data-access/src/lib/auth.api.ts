import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AccountView,
  EmailOtpSentResponse,
  EndOtherSessionsResponse,
  OtpCodeRequest,
  OtherSessionsView,
  SessionView,
  SignInRequest,
  SignUpRequest,
  SignUpResponse,
} from '@twofold/shared/contracts';
import { Observable } from 'rxjs';

/** Sign-up, sign-in, the second step of sign-in, sign-out, and the user's other sessions. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  session(): Observable<SessionView> {
    return this.http.get<SessionView>('/api/auth/session');
  }

  signUp(request: SignUpRequest): Observable<SignUpResponse> {
    return this.http.post<SignUpResponse>('/api/auth/signup', request);
  }

  signIn(request: SignInRequest): Observable<SessionView> {
    return this.http.post<SessionView>('/api/auth/login', request);
  }

  signOut(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {});
  }

  otherSessions(): Observable<OtherSessionsView> {
    return this.http.get<OtherSessionsView>('/api/auth/sessions');
  }

  endOtherSessions(): Observable<EndOtherSessionsResponse> {
    return this.http.post<EndOtherSessionsResponse>('/api/auth/sessions/end-others', {});
  }

  account(): Observable<AccountView> {
    return this.http.get<AccountView>('/api/account');
  }

  sendSignInCode(): Observable<EmailOtpSentResponse> {
    return this.http.post<EmailOtpSentResponse>('/api/mfa/verify/email/send', {});
  }

  verifyEmailCode(code: string): Observable<SessionView> {
    const body: OtpCodeRequest = { code };
    return this.http.post<SessionView>('/api/mfa/verify/email', body);
  }

  verifyTotpCode(code: string): Observable<SessionView> {
    const body: OtpCodeRequest = { code };
    return this.http.post<SessionView>('/api/mfa/verify/totp', body);
  }
}
