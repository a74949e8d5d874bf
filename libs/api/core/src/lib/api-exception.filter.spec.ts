import {
  Body,
  Controller,
  Get,
  HttpStatus,
  INestApplication,
  Logger,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiErrorCode } from '@twofold/shared/contracts';
import request from 'supertest';
import { ApiExceptionFilter } from './api-exception.filter';
import { DomainError } from './domain-error';
import { createValidationPipe } from './validation';
import { IsOtpCode } from './validators';

class CodeBody {
  @IsOtpCode()
  code!: string;
}

@Controller()
class ProbeController {
  @Get('cooldown')
  cooldown(): never {
    throw new DomainError(HttpStatus.TOO_MANY_REQUESTS, ApiErrorCode.ResendCooldown, 'Wait.', {
      retryAfterSeconds: 42,
    });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('secret internal detail');
  }

  @Get('bug')
  bug(): never {
    throw new Error('database password is hunter2');
  }

  @Get('query')
  query(): never {
    // The shape of TypeORM's QueryFailedError for a refused duplicate on MySQL.
    throw Object.assign(new Error("Duplicate entry 'ada@example.com' for key 'email'"), {
      name: 'QueryFailedError',
      query: 'INSERT INTO `users`(`id`, `email`) VALUES (?, ?)',
      parameters: ['u1', 'ada@example.com'],
      driverError: { code: 'ER_DUP_ENTRY' },
    });
  }

  @Post('code')
  code(@Body() body: CodeBody): CodeBody {
    return body;
  }
}

describe(ApiExceptionFilter.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ApiExceptionFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.init();
  });

  afterAll(() => app.close());

  it('answers a domain error with its code, message and Retry-After', async () => {
    const res = await request(app.getHttpServer()).get('/cooldown');

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.body).toEqual({
      statusCode: 429,
      code: ApiErrorCode.ResendCooldown,
      message: 'Wait.',
      retryAfterSeconds: 42,
    });
  });

  it('answers validation failures with 400 and a message per field', async () => {
    const res = await request(app.getHttpServer()).post('/code').send({ code: '12345x', extra: 1 });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ApiErrorCode.ValidationFailed);
    expect(Object.keys(res.body.fields).sort()).toEqual(['code', 'extra']);
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const res = await request(app.getHttpServer())
      .post('/code')
      .set('Content-Type', 'application/json')
      .send('{"code":');

    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ApiErrorCode.ValidationFailed);
  });

  it('maps Nest exceptions without their internal message', async () => {
    const res = await request(app.getHttpServer()).get('/missing');

    expect(res.status).toBe(404);
    expect(res.body.code).toBe(ApiErrorCode.NotFound);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app.getHttpServer()).get('/no/such/route');

    expect(res.status).toBe(404);
    expect(res.body.code).toBe(ApiErrorCode.NotFound);
  });

  it('logs a failed query by its code and SQL, never the values the driver quotes', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const res = await request(app.getHttpServer()).get('/query');

    expect(res.status).toBe(500);
    const text = logged.mock.calls.flat().join('\n');
    expect(text).toContain('QueryFailedError (ER_DUP_ENTRY): INSERT INTO `users`');
    expect(text).not.toContain('ada@example.com');
    logged.mockRestore();
  });

  it('answers anything else with a bare 500', async () => {
    const res = await request(app.getHttpServer()).get('/bug');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      statusCode: 500,
      code: ApiErrorCode.Internal,
      message: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });
});
