import { Injectable } from '@nestjs/common';

/** The time, behind a class so that tests can move it instead of sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
