import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { PublicConfig } from '@twofold/shared/contracts';

const FALLBACK: PublicConfig = { appName: 'Twofold', supportEmail: 'support@twofold.localhost' };

/** The app name and support address, known before anyone signs in. */
@Injectable({ providedIn: 'root' })
export class PublicConfigStore {
  private readonly http = inject(HttpClient);
  private readonly config = signal<PublicConfig | null>(null);

  readonly appName = computed(() => this.config()?.appName ?? FALLBACK.appName);
  readonly supportEmail = computed(() => this.config()?.supportEmail ?? FALLBACK.supportEmail);

  load(): void {
    this.http.get<PublicConfig>('/api/public-config').subscribe({
      next: (config) => this.config.set(config),
      // The fallback keeps the shell usable; pages report connection problems themselves.
      error: () => this.config.set(null),
    });
  }
}
