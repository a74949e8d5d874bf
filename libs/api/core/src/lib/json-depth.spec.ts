import { exceedsJsonDepth } from './json-depth';

/** `levels` arrays inside each other around a string. */
function arrays(levels: number): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < levels; level++) {
    value = [value];
  }
  return value;
}

describe(exceedsJsonDepth.name, () => {
  it.each([
    ['a string', 'x', 0],
    ['null', null, 0],
    ['an empty object', {}, 1],
    ['a flat body', { username: 'alice', password: 'secret' }, 1],
    ['an array in an object', { codes: ['123456'] }, 2],
  ])('counts %s as within its depth', (_name, value, depth) => {
    expect(exceedsJsonDepth(value, depth)).toBe(false);
    if (depth > 0) {
      expect(exceedsJsonDepth(value, depth - 1)).toBe(true);
    }
  });

  it('finds the one deep branch among shallow ones', () => {
    const body = { a: 1, b: [2, 3], c: { d: arrays(40) } };

    expect(exceedsJsonDepth(body, 32)).toBe(true);
    expect(exceedsJsonDepth(body, 42)).toBe(false);
  });

  it('answers for 100 000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;

    expect(exceedsJsonDepth(deep, 32)).toBe(true);
  });
});
