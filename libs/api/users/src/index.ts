export * from './lib/api-users.module';
export * from './lib/password-hasher';
export * from './lib/password-policy';
export * from './lib/user.entity';
export * from './lib/users.service';
