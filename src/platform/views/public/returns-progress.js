/* global document, fetch, window */
// An export's progress while it runs (src/domains/returns/views/run.njk): asks for the run's status every two
// seconds, moves the bar and the words, and shows the finished page when it is done. Without JavaScript the page
// offers a "Check progress" link instead.
const box = document.querySelector('[data-module="return-progress"]');
if (box) {
  const bar = box.querySelector('progress');
  const words = box.querySelector('[data-progress-text]');
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const run = await response.json();
        if (run.status === 'done' || run.status === 'failed') {
          window.location.reload();
          return;
        }
        bar.value = run.percent;
        bar.textContent = `${run.percent}%`;
        words.textContent = `${run.percent}% done${run.total > 1 ? ` (${run.done} of ${run.total} steps)` : ''}.`;
      }
    } catch {
      // A missed poll is tried again; the "Check progress" link still works.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}
