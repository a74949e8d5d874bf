import { Injectable } from '@nestjs/common';

/** The time, behind a class so that tests can move it instead of sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** Whole seconds from `now` until `at`, rounded up and at least 1: a `Retry-After` never says 0. */
export function secondsUntil(at: number, now: Date): number {
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}
