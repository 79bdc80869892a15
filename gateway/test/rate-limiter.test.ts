import { RateLimiter } from '../src/api-keys';

describe('RateLimiter (token bucket per key)', () => {
  it('lets a minute’s allowance through at once, then refuses and says how long to wait', () => {
    const limiter = new RateLimiter(60);
    const now = 1_000_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('a', now)).toBe(0);
    expect(limiter.take('a', now)).toBe(1);
    expect(limiter.take('b', now)).toBe(0);
  });

  it('refills at the allowed rate', () => {
    const limiter = new RateLimiter(60);
    const now = 1_000_000;
    for (let i = 0; i < 60; i++) limiter.take('a', now);
    expect(limiter.take('a', now + 500)).toBe(1);
    expect(limiter.take('a', now + 1_000)).toBe(0);
    expect(limiter.take('a', now + 1_000)).toBe(1);
    expect(limiter.take('a', now + 61_000)).toBe(0);
  });

  it('with a small allowance asks for a longer wait', () => {
    const limiter = new RateLimiter(2);
    limiter.take('a', 0);
    limiter.take('a', 0);
    expect(limiter.take('a', 0)).toBe(30);
  });
});
