import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorCode } from '@twofold/shared/contracts';

import { OFFLINE_MESSAGE, UNEXPECTED_MESSAGE, fieldError, toApiProblem } from './api-error';

describe(toApiProblem.name, () => {
  it("shows the API's own message, fields and cooldown", () => {
    const problem = toApiProblem(
      new HttpErrorResponse({
        status: 429,
        error: {
          statusCode: 429,
          code: ApiErrorCode.ResendCooldown,
          message: 'Wait a minute before asking for another code.',
          retryAfterSeconds: 42,
        },
      }),
    );

    expect(problem).toEqual({
      status: 429,
      code: ApiErrorCode.ResendCooldown,
      message: 'Wait a minute before asking for another code.',
      fields: {},
      retryAfterSeconds: 42,
    });
  });

  it('says the server cannot be reached when the request never got an answer', () => {
    const problem = toApiProblem(new HttpErrorResponse({ status: 0 }));

    expect(problem.message).toBe(OFFLINE_MESSAGE);
  });

  it('does not show a body that is not an API error, such as a proxy page', () => {
    const problem = toApiProblem(
      new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }),
    );

    expect(problem.message).toBe(UNEXPECTED_MESSAGE);
  });

  it('finds the first message of a field', () => {
    const problem = toApiProblem(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          code: ApiErrorCode.ValidationFailed,
          message: 'Check the fields.',
          fields: { password: ['Too common.', 'Too short.'] },
        },
      }),
    );

    expect(fieldError(problem, 'password')).toBe('Too common.');
    expect(fieldError(problem, 'email')).toBeNull();
  });
});
