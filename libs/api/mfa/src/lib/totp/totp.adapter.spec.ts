import { base32nopad } from '@scure/base';

import { TotpAdapter, TotpAlgorithm } from './totp.adapter';

const seeds: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890'.repeat(7).slice(0, 64), 'ascii'),
};

// RFC 6238 Appendix B: time in seconds, then the eight-digit codes for SHA1, SHA256, SHA512.
const rfc6238: ReadonlyArray<readonly [number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

// RFC 4226 Appendix D: HOTP codes for counters 0 to 9.
const rfc4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe(TotpAdapter.name, () => {
  const sut = new TotpAdapter();
  const secret = base32nopad.encode(seeds.sha1);

  describe.each(rfc6238)('RFC 6238 at %i s', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);

    it.each([
      ['sha1', sha1],
      ['sha256', sha256],
      ['sha512', sha512],
    ] as const)('gives the published %s code', (algorithm, expected) => {
      expect(sut.generate(seeds[algorithm], at, { algorithm, digits: 8 })).toBe(expected);
    });
  });

  it.each(rfc4226.map((code, counter) => [counter, code] as const))(
    'gives the RFC 4226 HOTP code for counter %i',
    (counter, code) => {
      expect(sut.hotp(seeds.sha1, counter)).toBe(code);
    },
  );

  it('makes 20-byte secrets in Base32 without padding, different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => sut.generateSecret()));

    expect(secrets.size).toBe(50);
    for (const value of secrets) {
      expect(value).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32nopad.decode(value)).toHaveLength(20);
    }
  });

  describe('verify', () => {
    const now = new Date(1_700_000_000_000);
    const step = sut.stepAt(now);

    it('accepts the current step and one step either side, and says which step matched', () => {
      for (const offset of [-1, 0, 1]) {
        expect(sut.verify(secret, sut.codeForStep(secret, step + offset), now)).toBe(step + offset);
      }
    });

    it('refuses codes two steps away', () => {
      expect(sut.verify(secret, sut.codeForStep(secret, step - 2), now)).toBeNull();
      expect(sut.verify(secret, sut.codeForStep(secret, step + 2), now)).toBeNull();
    });

    it('refuses strings that speakeasy alone would parse into a valid code', () => {
      // Find a moment whose code starts with 0, as SECURITY.md's 047164 example does.
      let moment = now;
      while (!sut.codeForStep(secret, sut.stepAt(moment)).startsWith('0')) {
        moment = new Date(moment.getTime() + 30_000);
      }
      const code = sut.codeForStep(secret, sut.stepAt(moment));
      const tail = code.slice(1);

      expect(sut.verify(secret, code, moment)).not.toBeNull();
      for (const malformed of [`${tail}x`, ` ${tail}`, `+${tail}`, `${code} `, `${code}0`, tail]) {
        expect(sut.verify(secret, malformed, moment)).toBeNull();
      }
    });

    it('agrees with the RFC 6238 SHA-1 vector truncated to six digits', () => {
      const at = new Date(59_000);

      expect(sut.verify(secret, '287082', at)).toBe(1);
    });
  });

  describe('keyUri', () => {
    const parse = (uri: string) => {
      const url = new URL(uri);
      const label = decodeURIComponent(url.pathname.replace(/^\/\//, '').replace(/^\//, ''));

      return { url, label };
    };

    it('names the issuer in the label and the query, and carries the secret', () => {
      const uri = sut.keyUri({ issuer: 'Twofold', account: 'alice', secret });
      const { url, label } = parse(uri);

      expect(url.protocol).toBe('otpauth:');
      expect(url.host).toBe('totp');
      expect(label).toBe('Twofold:alice');
      expect(url.searchParams.get('secret')).toBe(secret);
      expect(url.searchParams.get('issuer')).toBe('Twofold');
    });

    it.each(['Ann Lee', 'ann@example.com', 'Zoë Ünal', '山田'])(
      'URL-encodes the account %s so it parses back unchanged',
      (account) => {
        const uri = sut.keyUri({ issuer: 'Acme Corp', account, secret });
        const { url, label } = parse(uri);

        expect(uri).not.toMatch(/\s/);
        expect(label).toBe(`Acme Corp:${account}`);
        expect(url.searchParams.get('issuer')).toBe('Acme Corp');
      },
    );

    it('refuses a colon inside the issuer or the account', () => {
      expect(() => sut.keyUri({ issuer: 'A:B', account: 'alice', secret })).toThrow(/colon/);
      expect(() => sut.keyUri({ issuer: 'Twofold', account: 'a:b', secret })).toThrow(/colon/);
    });
  });
});
