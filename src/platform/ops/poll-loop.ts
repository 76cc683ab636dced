/**
 * A background loop in the Cairn process (the notification and webhook outboxes): runs a round, waits, runs the next.
 * A round that fails is reported and the loop goes on. `stop` waits for the round in progress, so a shutdown never
 * cuts a send off half-recorded.
 */
export class PollLoop {
  readonly #round: () => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | null = null;
  #started = false;

  constructor(options: { round: () => Promise<unknown>; intervalMs: number; onError: (error: unknown) => void }) {
    this.#round = options.round;
    this.#intervalMs = options.intervalMs;
    this.#onError = options.onError;
  }

  /** False once `stop` is called: a long round checks it between batches. */
  get running(): boolean {
    return this.#started;
  }

  /** Starts the loop; `first` (if given) runs once before the first round, and its failure does not stop the loop. */
  start(first?: () => Promise<unknown>): void {
    if (this.#started) return;
    this.#started = true;
    const loop = () => {
      if (!this.#started) return;
      this.#running = this.#round()
        .catch(this.#onError)
        .finally(() => {
          this.#running = null;
          if (this.#started) this.#timer = setTimeout(loop, this.#intervalMs);
        });
    };
    if (first) this.#running = first().catch(this.#onError).finally(loop);
    else this.#timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    while (this.#running) await this.#running;
  }
}
