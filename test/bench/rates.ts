// Which arrival rates the latency figures are taken at. A fixed rate says nothing about the code
// on a machine that saturates below it (requests queue and the p99 is the queue's length), so
// the rates follow from the throughput this machine reaches in a closed loop: half and 80% of
// it, and the fixed rate only where 80% of saturation still covers it.

export interface LatencyRate {
  /** How the rate was chosen, for the printed table: "50% of saturation", "fixed 200/s". */
  label: string;
  /** Requests per second, a whole number, at least 1. */
  rate: number;
}

/** The share of saturation the goal is stated at (p99 < 100 ms at 80% of saturation). */
export const GOAL_SHARE = 0.8;

/**
 * The open-loop rates for a saturation of `saturation` requests/s: 50% and 80% of it, then
 * `fixed` when it is at most 80% of saturation (sustained with headroom), else `skipped` says why.
 */
export function latencyRates(saturation: number, fixed: number): { rates: LatencyRate[]; skipped?: string } {
  if (!Number.isFinite(saturation) || saturation <= 0)
    return { rates: [], skipped: 'no saturation rate was measured' };
  const rates: LatencyRate[] = [
    { label: '50% of saturation', rate: Math.max(1, Math.round(saturation * 0.5)) },
    { label: '80% of saturation', rate: Math.max(1, Math.round(saturation * GOAL_SHARE)) },
  ];
  if (fixed <= saturation * GOAL_SHARE) {
    rates.push({ label: `fixed ${fixed}/s`, rate: fixed });
    return { rates };
  }
  return {
    rates,
    skipped:
      `fixed ${fixed}/s not run: this machine saturates at ${saturation.toFixed(0)}/s, ` +
      `so ${fixed}/s is above ${GOAL_SHARE * 100}% of it and would measure a queue, not the code`,
  };
}

/** `part / whole` as a ratio, rounded to 2 decimals; null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) / 100 : null;
}
