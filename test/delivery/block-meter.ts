// Event-loop blocks, told apart from a starved process: on a machine shared with other work a
// timer can fire late because the process was not scheduled at all, not because its own code ran.
// So each late tick is measured twice: its delay (any cause), and the CPU time the process itself
// used within that one gap (its own work; includes GC and libuv threads, so an upper bound of what
// its JavaScript did, and a lower bound of the block it caused when the CPU was also shared).

export interface BlockMeter {
  /** Longest timer delay of any cause since the last take (ms). */
  readonly raw: number;
  /** Most CPU the process itself used within one late tick (ms): the block its own work caused. */
  readonly busy: number;
  take(): { raw: number; busy: number };
}

export function blockMeter(tickMs = 10): BlockMeter {
  let last = performance.now();
  let cpu = process.cpuUsage();
  let raw = 0;
  let busy = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const delay = now - last - tickMs;
    last = now;
    if (delay <= 0) return;
    raw = Math.max(raw, delay);
    const cpuMs = (used.user + used.system) / 1000;
    busy = Math.max(busy, Math.min(delay, cpuMs));
  }, tickMs);
  timer.unref();
  return {
    get raw() { return raw; },
    get busy() { return busy; },
    take() {
      const r = { raw: Math.round(raw), busy: Math.round(busy) };
      raw = 0;
      busy = 0;
      return r;
    },
  };
}
