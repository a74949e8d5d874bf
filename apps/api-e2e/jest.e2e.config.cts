// Named so that the Nx jest plugin does not infer a `test` target: these suites run as `e2e`.
const onMysql = (process.env['DATABASE_URL'] ?? '').startsWith('mysql');

module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Each file boots its own app on its own database; on a shared MySQL server they run in band.
  maxWorkers: onMysql ? 1 : 2,
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/apps/api-e2e',
};
