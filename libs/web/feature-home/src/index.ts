export * from './lib/web-feature-home/web-feature-home.component';
