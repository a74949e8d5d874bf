export * from './lib/home/home-page.component';
