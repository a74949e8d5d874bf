/**
 * Whether a parsed JSON value nests arrays or objects deeper than `limit` (a scalar is depth 0,
 * `[]` and `{}` depth 1). Iterative, with an early exit: the libraries that walk a body later
 * (class-transformer, class-validator) recurse, and a few KB of `[[[…]]]` overflow their stack.
 */
export function exceedsJsonDepth(value: unknown, limit: number): boolean {
  const pending: Array<readonly [unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (depth + 1 > limit) {
      return true;
    }
    for (const child of Object.values(current)) {
      pending.push([child, depth + 1]);
    }
  }
  return false;
}
