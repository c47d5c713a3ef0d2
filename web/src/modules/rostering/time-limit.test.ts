import { describe, expect, it } from 'vitest';
import { timeLimitError } from './time-limit';

describe('timeLimitError', () => {
  it('accepts whole seconds from 1 to 300', () => {
    for (const ok of [1, 10, 300]) expect(timeLimitError(ok)).toBeNull();
  });
  it('names what is wrong with an empty field, a fraction, 0 or more than 300', () => {
    for (const bad of ['', 0, -5, 2.5, 301]) expect(timeLimitError(bad)).toBe('A whole number of seconds from 1 to 300');
  });
});
