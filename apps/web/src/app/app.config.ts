import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  MAT_FORM_FIELD_DEFAULT_OPTIONS,
  MatFormFieldDefaultOptions,
} from '@angular/material/form-field';
import { TitleStrategy, provideRouter, withInMemoryScrolling } from '@angular/router';
import { XSRF_COOKIE, XSRF_HEADER } from '@twofold/shared/contracts';
import {
  PublicConfigStore,
  SessionStore,
  sessionExpiryInterceptor,
} from '@twofold/web/data-access';

import { AppTitleStrategy } from './app-title.strategy';
import { appRoutes } from './app.routes';

const formFieldDefaults: MatFormFieldDefaultOptions = {
  appearance: 'outline',
  subscriptSizing: 'dynamic',
};

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(
      withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }),
      withInterceptors([sessionExpiryInterceptor]),
    ),
    { provide: TitleStrategy, useClass: AppTitleStrategy },
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: formFieldDefaults },
    provideAppInitializer(() => {
      inject(PublicConfigStore).load();
      // Started here so the first guard finds the request already on its way.
      void inject(SessionStore).ensureLoaded();
    }),
  ],
};
