import { Route } from '@angular/router';
import { anonymousOnlyGuard, authenticatedGuard, pendingMfaGuard } from '@twofold/web/data-access';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [anonymousOnlyGuard],
    loadComponent: () => import('@twofold/web/feature-auth').then((m) => m.SignInPageComponent),
  },
  {
    path: 'sign-up',
    title: 'Create account',
    canActivate: [anonymousOnlyGuard],
    loadComponent: () => import('@twofold/web/feature-auth').then((m) => m.SignUpPageComponent),
  },
  {
    path: 'verify',
    title: 'Multi-Factor Verification',
    canActivate: [pendingMfaGuard],
    loadComponent: () => import('@twofold/web/feature-auth').then((m) => m.VerifyPageComponent),
  },
  {
    path: 'settings/two-factor/totp',
    title: 'Set up your authenticator app',
    canActivate: [authenticatedGuard],
    loadComponent: () =>
      import('@twofold/web/feature-settings').then((m) => m.TotpSetupPageComponent),
  },
  {
    path: 'settings/two-factor',
    title: 'Two Factor Settings',
    canActivate: [authenticatedGuard],
    loadComponent: () =>
      import('@twofold/web/feature-settings').then((m) => m.TwoFactorSettingsPageComponent),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Home',
    canActivate: [authenticatedGuard],
    loadComponent: () => import('@twofold/web/feature-home').then((m) => m.HomePageComponent),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
