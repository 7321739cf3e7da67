/** Runs tasks at most `limit` at a time, in the order given. */

/** A queue running at most `limit` tasks at once; each call runs (or waits to run) one, resolving as it does. */
export function downloadQueue(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finished task hands its place to the next waiting one (or frees it).
  const done = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return (task) =>
    new Promise<void>((start) => {
      if (running < limit) {
        running++;
        start();
      } else waiting.push(start);
    })
      .then(task)
      .finally(done);
}
