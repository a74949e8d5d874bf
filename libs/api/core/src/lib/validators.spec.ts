import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsAccountEmail, IsAccountPassword, IsOtpCode, IsUsername } from './validators';

class CodeBody {
  @IsOtpCode()
  code!: unknown;
}

class AccountBody {
  @IsUsername()
  username!: unknown;

  @IsAccountEmail()
  email!: unknown;

  @IsAccountPassword()
  password!: unknown;
}

function failedFields(type: new () => object, body: object): string[] {
  return validateSync(plainToInstance(type, body)).map((error) => error.property);
}

describe(IsOtpCode.name, () => {
  it.each(['000000', '047164', '999999'])('accepts %j', (code) => {
    expect(failedFields(CodeBody, { code })).toEqual([]);
  });

  it.each([
    '47164x',
    ' 47164',
    '+47164',
    '12345',
    '1234567',
    '12 456',
    '١٢٣٤٥٦',
    '123456\n',
    47164,
    123456,
    null,
    ['123456'],
  ])('refuses %j', (code) => {
    expect(failedFields(CodeBody, { code })).toEqual(['code']);
  });
});

describe(IsUsername.name, () => {
  const valid = { email: 'ada@example.com', password: 'a long passphrase' };

  it.each(['ada', 'ada.lovelace', 'a-1_b', 'x'.repeat(32)])('accepts %j', (username) => {
    expect(failedFields(AccountBody, { ...valid, username })).toEqual([]);
  });

  it.each(['ab', 'Ada', '.ada', 'ada.', 'x'.repeat(33), 'ada lovelace', 'ada@home', 42])(
    'refuses %j',
    (username) => {
      expect(failedFields(AccountBody, { ...valid, username })).toEqual(['username']);
    },
  );
});

describe(IsAccountPassword.name, () => {
  const valid = { username: 'ada', email: 'ada@example.com' };

  it.each(['12345678', 'x'.repeat(128), 'pässwörd with ünïcode'])('accepts %j', (password) => {
    expect(failedFields(AccountBody, { ...valid, password })).toEqual([]);
  });

  it.each(['1234567', 'x'.repeat(129), 12345678, null])('refuses %j', (password) => {
    expect(failedFields(AccountBody, { ...valid, password })).toEqual(['password']);
  });
});

describe(IsAccountEmail.name, () => {
  it.each(['not-an-email', `${'a'.repeat(250)}@example.com`, 7])('refuses %j', (email) => {
    expect(
      failedFields(AccountBody, { username: 'ada', password: 'a long passphrase', email }),
    ).toEqual(['email']);
  });
});
