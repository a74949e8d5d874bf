import { OTP_CODE_PATTERN, USERNAME_PATTERN } from './rules';

describe('shared rules', () => {
  describe('OTP_CODE_PATTERN', () => {
    it.each(['000000', '047164', '999999'])('accepts the six-digit code %s', (code) => {
      expect(OTP_CODE_PATTERN.test(code)).toBe(true);
    });

    it.each(['47164', '0471640', ' 47164', '47164x', '+47164', '４７１６４０', '047 164', ''])(
      'refuses %j, which is not exactly six ASCII digits',
      (code) => {
        expect(OTP_CODE_PATTERN.test(code)).toBe(false);
      },
    );
  });

  describe('USERNAME_PATTERN', () => {
    it.each(['ann', 'ann.lee', 'a-b_c9', 'x'.repeat(32)])('accepts %s', (name) => {
      expect(USERNAME_PATTERN.test(name)).toBe(true);
    });

    it.each(['ab', 'Ann', '.ann', 'ann-', 'ann lee', 'ann:lee', 'zoë', 'x'.repeat(33)])(
      'refuses %j',
      (name) => {
        expect(USERNAME_PATTERN.test(name)).toBe(false);
      },
    );
  });
});
