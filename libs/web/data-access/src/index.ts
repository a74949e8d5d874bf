export * from './lib/web-data-access/web-data-access.component';
