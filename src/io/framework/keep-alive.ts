/**
 * Keeping the Node.js process alive while something waits on a timer. The app's scheduler does not hold the
 * process open (a library's timers must not), so a source that polls on it holds the process open itself
 * while connected, as a listening socket would.
 */

/** Holds the process open until the returned function is called (calling it again does nothing). */
export function holdProcessOpen(): () => void {
  const handle = setInterval(() => undefined, 2 ** 31 - 1);
  return () => clearInterval(handle);
}
