/** The benchmark's scales: `full` is issue 14's national ten-year target. */
export interface BenchScale {
  name: string;
  procedures: number;
  months: number;
  /** Simulated hosts of the robot round. */
  hosts: number;
}

export const SCALES: Record<string, BenchScale> = {
  /** Runs in the tests: every part, seconds of data. */
  small: { name: 'small', procedures: 6, months: 13, hosts: 3 },
  /** Every procedure of the full scale, two years. */
  medium: { name: 'medium', procedures: 300, months: 24, hosts: 101 },
  /** 101 departments, 300 procedures, ten years: about 26 million probes. */
  full: { name: 'full', procedures: 300, months: 120, hosts: 101 },
};

/** The last month of every synthetic dataset (in progress, probed up to its 15th). */
export const LAST_MONTH = '2026-10';
