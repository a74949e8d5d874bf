import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';
import { PasswordPolicy } from './password-policy';

const owner = { username: 'ada', email: 'ada.lovelace@example.com' };

describe(PasswordPolicy.name, () => {
  const sut = new PasswordPolicy();

  it('ships a list of several thousand common passwords', () => {
    expect(COMMON_PASSWORDS_TEXT.split('\n').filter(Boolean).length).toBeGreaterThan(5000);
  });

  it.each([
    'password',
    'Password1',
    'PASSWORD123',
    '12345678',
    '123456789',
    'qwertyuiop',
    '1q2w3e4r5t',
    'iloveyou1',
    'football2024',
    'Michael1990',
    'sunshine123',
    'zaq12wsx',
    '11111111',
  ])('refuses the common password %j, whatever its case', (password) => {
    expect(sut.problems(password, owner)).toEqual([
      'This password is too common. Please choose a less predictable one.',
    ]);
  });

  it('refuses a password that contains the username', () => {
    expect(sut.problems('my name is ADA, really', owner)).toEqual([
      'The password must not contain the username.',
    ]);
  });

  it('refuses the email address as the password', () => {
    const problems = sut.problems('Ada.Lovelace@example.com', { ...owner, username: 'countess' });

    expect(problems).toEqual(['The password must not be the email address.']);
  });

  it.each(['correct horse battery staple', 'Tr0ub4dor&3-x', 'vintage-lamp-7-orbit'])(
    'accepts %j',
    (password) => {
      expect(sut.problems(password, owner)).toEqual([]);
    },
  );
});
