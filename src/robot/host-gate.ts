/**
 * Politeness towards each prefecture site: requests to one host run one at a
 * time, at least `intervalMs` apart (measured from the end of the previous
 * answer), while different hosts proceed concurrently.
 */

export type Sleep = (milliseconds: number) => Promise<void>;

export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

export class HostGate {
  /** The end of the queue of each host: a new request waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** When the last request to each host finished (real time, ms). */
  private readonly lastEnd = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** Runs `task` when the host is free and the interval has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(host, tail);
    await previous;
    try {
      const last = this.lastEnd.get(host);
      const wait = last === undefined ? 0 : last + this.intervalMs - Date.now();
      if (wait > 0) await this.sleep(wait);
      return await task();
    } finally {
      this.lastEnd.set(host, Date.now());
      if (this.tails.get(host) === tail) this.tails.delete(host);
      release();
    }
  }
}
