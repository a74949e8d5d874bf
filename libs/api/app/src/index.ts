export * from './lib/api-app.module';
