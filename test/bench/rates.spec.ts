import { latencyRates, ratio } from './rates.js';

describe('the arrival rates the donations bench measures latency at', () => {
  it('takes 50% and 80% of saturation, and 200/s where 80% of saturation covers it', () => {
    expect(latencyRates(500, 200)).toEqual({
      rates: [
        { label: '50% of saturation', rate: 250 },
        { label: '80% of saturation', rate: 400 },
        { label: 'fixed 200/s', rate: 200 },
      ],
    });
    expect(latencyRates(250, 200).rates.map((r) => r.rate)).toEqual([125, 200, 200]);
  });

  it('skips the fixed rate on a machine that saturates near or below it, saying why', () => {
    const slow = latencyRates(168, 200);
    expect(slow.rates).toEqual([
      { label: '50% of saturation', rate: 84 },
      { label: '80% of saturation', rate: 134 },
    ]);
    expect(slow.skipped).toBe(
      'fixed 200/s not run: this machine saturates at 168/s, so 200/s is above 80% of it ' +
        'and would measure a queue, not the code',
    );
    expect(latencyRates(240, 200).skipped).toContain('saturates at 240/s');
  });

  it('never asks for less than one request a second, nor for rates without a saturation', () => {
    expect(latencyRates(1, 200).rates.map((r) => r.rate)).toEqual([1, 1]);
    expect(latencyRates(0, 200)).toEqual({ rates: [], skipped: 'no saturation rate was measured' });
    expect(latencyRates(Number.NaN, 200).rates).toEqual([]);
  });

  it('states ratios to two decimals', () => {
    expect(ratio(12.3, 4.1)).toBe(3);
    expect(ratio(5, 3)).toBe(1.67);
    expect(ratio(5, 0)).toBeNull();
  });
});
