export * from './lib/web-feature-settings/web-feature-settings.component';
