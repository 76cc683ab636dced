/**
 * A one-line progress bar for long commands: share done, count, rate and time left. On a terminal it redraws in
 * place; elsewhere (CI logs) it prints a line every tenth of the way.
 */
export function progressBar(unit: string, write: (line: string) => void, tty = process.stderr.isTTY === true): (done: number, total: number) => void {
  const started = Date.now();
  let lastTenth = -1;
  return (done, total) => {
    const share = total ? Math.min(1, done / total) : 1;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const filled = Math.round(share * 30);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(share * 100)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} ${unit} · ${Math.round(rate).toLocaleString('en-GB')}/s · ${share >= 1 ? `done in ${clock(seconds)}` : `about ${clock(left)} left`}`;
    if (tty) {
      write(`\r${line}${share >= 1 ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      write(line);
    }
  };
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
