// Peak memory, sampled from /proc: this node process always, and while
// `watchChildren(true)` also every process descended from it (Chromium's
// browser, renderer, GPU and utility processes). RSS summed over processes
// counts shared pages once per process (an upper bound); PSS shares them out.
import { readdirSync, readFileSync } from "node:fs";

export const kib = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
const mib = (kibibytes: number) => Math.round(kibibytes / 1024);

export function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return ""; // the process ended between listing and reading
  }
}

/** Every process whose ancestry leads to `root`, with `root` itself. */
export function family(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // pid (comm) state ppid …: the command may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const members = [root];
  for (const [pid] of parents) {
    for (let up = parents.get(pid); up; up = parents.get(up)) {
      if (up === root) {
        members.push(pid);
        break;
      }
    }
  }
  return members;
}

export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private children = false;
  private nodeRss = 0;
  private familyRss = 0;
  private familyPss = 0;
  private familyProcesses = 0;

  start(intervalMs = 100): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  watchChildren(on: boolean): void {
    this.children = on;
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    this.nodeRss = Math.max(this.nodeRss, process.memoryUsage().rss / 1024);
    if (!this.children) return;
    let rss = 0;
    let pss = 0;
    const pids = family(process.pid);
    for (const pid of pids) {
      rss += kib(read(`/proc/${pid}/status`), "VmRSS");
      pss += kib(read(`/proc/${pid}/smaps_rollup`), "Pss");
    }
    if (rss > this.familyRss) this.familyProcesses = pids.length;
    this.familyRss = Math.max(this.familyRss, rss);
    this.familyPss = Math.max(this.familyPss, pss);
  }

  summary() {
    return {
      nodePeakRssMiB: mib(Math.max(this.nodeRss, process.resourceUsage().maxRSS)),
      duringPdf: {
        peakRssSumMiB: mib(this.familyRss),
        peakPssSumMiB: mib(this.familyPss),
        processes: this.familyProcesses,
      },
    };
  }
}
