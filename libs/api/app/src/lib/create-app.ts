import { HttpStatus, Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SessionMiddleware } from '@twofold/api/auth';
import {
  ApiExceptionFilter,
  AppConfig,
  Clock,
  createValidationPipe,
  clientIp,
  DomainError,
  exceedsJsonDepth,
  loadAppConfig,
  sendApiError,
} from '@twofold/api/core';
import { ApiErrorCode } from '@twofold/shared/contracts';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ApiAppModule } from './api-app.module';

export interface CreateAppOptions {
  /** Replaces the real clock, for tests that move time. */
  readonly clock?: Clock;
  /** A logger, or false for none; by default Nest's console logger at `LOG_LEVEL`. */
  readonly logger?: LoggerService | false;
}

export const API_PREFIX = 'api';
const ANGULAR_STYLESHEET_ONLOAD_HASH = 'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc=';
export const API_DOCS_PATH = `${API_PREFIX}/docs`;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Every request body of this API is a few short fields. */
const BODY_LIMIT = '16kb';
/** Far deeper than any body of this API; 3000 levels overflow class-transformer's stack. */
const MAX_BODY_DEPTH = 32;

/**
 * Builds the whole API from an environment: configuration checked, migrations run, demo account
 * seeded, routes registered. The app is initialized but not listening, so that tests can hand
 * `app.getHttpServer()` to supertest and `main.ts` can call `listen`. Throws `ConfigError` for a
 * bad environment.
 */
export async function createApp(
  env: NodeJS.ProcessEnv,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const config = loadAppConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(
    ApiAppModule.forRoot({ config, clock: options.clock }),
    // Body parsing is registered in `configure`, after the CSRF check and with its own errors.
    { logger: options.logger ?? config.logLevels, abortOnError: false, bodyParser: false },
  );

  try {
    configure(app, config);
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

function configure(app: NestExpressApplication, config: AppConfig): void {
  const logger = new Logger('Bootstrap');
  if (config.sessionSecretIsDefault) {
    logger.warn(
      'SESSION_SECRET is not set: using the development default. Never do this in production.',
    );
  }
  if (config.totpEncryptionKeysAreDefault) {
    logger.warn(
      'TOTP_ENCRYPTION_KEYS is not set: authenticator secrets are sealed with a public development key. Never do this in production.',
    );
  }

  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // The Angular build loads its stylesheet with onload="this.media='all'" (critical CSS
          // inlining); this hash allows exactly that handler and no other inline script.
          scriptSrcAttr: ["'unsafe-hashes'", `'${ANGULAR_STYLESHEET_ONLOAD_HASH}'`],
          // Angular Material and the CDK set inline styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // data: for the authenticator setup's QR code, which the API renders as a PNG data URL.
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Answers carry the account, the session state and CSRF tokens: no browser or proxy keeps one.
    if (isApiPath(req.path)) {
      res.setHeader('Cache-Control', 'no-store');
    }
    next();
  });
  app.use(cookieParser());

  // Mounted on Express rather than as Nest middleware so that it also covers the SPA's pages
  // (outside the /api prefix), which must hand out the XSRF-TOKEN cookie too.
  const sessions = app.get(SessionMiddleware);
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Every unsafe request is checked, whatever its path: Express matches routes without regard
    // to case, so a test on the path alone let `/API/...` past the CSRF check.
    if (!SAFE_METHODS.has(req.method) || isApiPath(req.path) || isSpaPage(req)) {
      void sessions.use(req, res, next);
    } else {
      next();
    }
  });

  // JSON only: a form or text/plain post, the vehicle of a cross-site request, gets no body.
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyParserErrors);
  app.use(refuseDeepBodies);

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(config.appName)
      .setDescription(
        'Session cookie authentication. Unsafe requests need the X-XSRF-TOKEN header equal to the XSRF-TOKEN cookie.',
      )
      .setVersion('1')
      .addCookieAuth('twofold_session')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document);
}

function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === `/${API_PREFIX}` || lower.startsWith(`/${API_PREFIX}/`);
}

/**
 * Answers the body parser's own errors (malformed JSON, a body over the limit, an unknown
 * charset or encoding, a body that does not decompress) as a 4xx `validation_failed`. Without it
 * they reach Nest as a 500, or, with the SPA served, serve-static's fallback turns them into a 404.
 */
function bodyParserErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const status = clientErrorStatus(error);
  if (status === undefined) {
    next(error);
    return;
  }

  // Not the parser's message: it quotes the body, and with it a password or a code.
  refuseBody(req, res, status, BODY_REFUSALS[status] ?? MALFORMED_BODY);
}

/** Refuses a parsed body nested deeper than `MAX_BODY_DEPTH` before any validator walks it. */
function refuseDeepBodies(req: Request, res: Response, next: NextFunction): void {
  if (!exceedsJsonDepth(req.body, MAX_BODY_DEPTH)) {
    next();
    return;
  }
  refuseBody(req, res, HttpStatus.BAD_REQUEST, DEEP_BODY);
}

interface BodyRefusal {
  /** What the log says was refused. */
  readonly kind: string;
  /** What the client is told. */
  readonly message: string;
}

const MALFORMED_BODY: BodyRefusal = {
  kind: 'a malformed body',
  message: 'The request body is not valid JSON.',
};

const DEEP_BODY: BodyRefusal = {
  kind: 'a body nested too deeply',
  message: 'The request body is nested too deeply.',
};

const BODY_REFUSALS: Partial<Record<number, BodyRefusal>> = {
  [HttpStatus.PAYLOAD_TOO_LARGE]: {
    kind: 'a body over the size limit',
    message: 'The request is too large.',
  },
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: {
    kind: 'a body in an unsupported charset or encoding',
    message: 'The request uses a charset or encoding this server does not read.',
  },
};

function refuseBody(req: Request, res: Response, status: number, refusal: BodyRefusal): void {
  new Logger('BodyParser').warn(
    `Refused ${refusal.kind} on ${req.method} ${req.path} from ${clientIp(req)}`,
  );
  sendApiError(res, new DomainError(status, ApiErrorCode.ValidationFailed, refusal.message));
}

/**
 * The 4xx status of an error from the body parser. Not all of them carry a `type`: a body that
 * fails to decompress comes as zlib's error wrapped in a bare 400.
 */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || error instanceof DomainError) {
    return undefined;
  }
  const { status } = error as { status?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The SPA's pages (index.html and its client-side routes), not its hashed assets. */
function isSpaPage(req: Request): boolean {
  return req.method === 'GET' && !/\.[a-z0-9]+$/i.test(req.path);
}
