import { Logger } from '@nestjs/common';
import { TypeOrmLogger } from './typeorm-logger';

describe(TypeOrmLogger.name, () => {
  const sut = new TypeOrmLogger();
  let written: string[];

  beforeEach(() => {
    written = [];
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...[message]: unknown[]) => {
        written.push(String(message));
      });
    }
  });

  afterEach(() => jest.restoreAllMocks());

  it('logs a failed query with its driver code, never its parameters or the driver message', () => {
    const error = Object.assign(new Error("Duplicate entry 'alice@example.test' for key 'email'"), {
      code: 'ER_DUP_ENTRY',
    });

    sut.logQueryError(error, 'INSERT INTO users(email, password_hash) VALUES (?, ?)');

    expect(written).toEqual([
      'Query failed (ER_DUP_ENTRY): INSERT INTO users(email, password_hash) VALUES (?, ?)',
    ]);
  });

  it('logs no query that succeeded', () => {
    sut.logQuery();

    expect(written).toEqual([]);
  });
});
