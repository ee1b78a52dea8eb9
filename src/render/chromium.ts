// Where Chromium is, and the flags it needs on these machines.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import puppeteer, { type Browser, type PuppeteerLaunchOptions } from "puppeteer";

export function chromiumPath(): string {
  return process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium";
}

export class ChromiumMissingError extends Error {
  constructor(executable: string) {
    super(
      `Chromium was not found at ${executable}, so the PDF was not made.\n` +
        `Install it with: sudo apt-get update && sudo apt-get install -y chromium\n` +
        `or point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome binary.`,
    );
    this.name = "ChromiumMissingError";
  }
}

export async function assertChromium(): Promise<string> {
  const executable = chromiumPath();
  try {
    await access(executable, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(executable);
  }
  return executable;
}

/** Headless flags: no sandbox (we may run as root), and no background traffic on a closed network. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--font-render-hinting=none",
];

// ---------------------------------------------------------------------------
// Launching: the browser never outlives the build.
//
// puppeteer starts Chromium as the leader of its own process group (the
// browser, its zygotes, GPU process and renderers: about nine processes, over
// 1 GB while laying out a book). It kills that group when node exits normally,
// but no handler runs when node itself is killed (`kill -9`, the OOM killer),
// and on SIGTERM it only closes the browser and keeps node waiting. So:
// - puppeteer's own signal handlers are off; the build's (src/interrupt.ts)
//   kill the group and exit;
// - each browser's group is killed on node's `exit`, whatever the cause;
// - a small watchdog process (a shell loop, in its own group) kills the group
//   and removes the browser's profile folder when node is gone.
// (Chromium's `--no-zygote` only makes the renderers children of the browser
// process instead of the zygote's; they are in the browser's group either
// way, so the group kill is what holds, with or without it.)
// The protocol timeout is bounded (by the caller's watchdog), so a crashed or
// hung browser never keeps node waiting out puppeteer's default of 180 s.

/** Process groups of the browsers this process has started and not yet closed. */
const browserGroups = new Map<number, string | undefined>();

/** Kill every browser this process started (synchronous: safe in an `exit` handler or a signal handler). */
export function killBrowsers(): void {
  for (const [pid, profile] of browserGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
    if (profile) rmSync(profile, { recursive: true, force: true });
  }
  browserGroups.clear();
}

let exitHandler = false;

export interface LaunchOptions {
  /** Bound on every DevTools protocol call, in seconds. */
  protocolSeconds: number;
}

/** Chromium with our flags, killed whenever node goes, however it goes. */
export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  const executablePath = await assertChromium();
  if (!exitHandler) {
    process.on("exit", killBrowsers);
    exitHandler = true;
  }
  const launch: PuppeteerLaunchOptions = {
    executablePath,
    headless: "new",
    args: chromiumArgs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    protocolTimeout: options.protocolSeconds * 1000,
  };
  const browser = await puppeteer.launch(launch);
  const child = browser.process();
  const pid = child?.pid;
  if (pid) {
    const profile = child.spawnargs.find((arg) => arg.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length);
    browserGroups.set(pid, profile);
    child.once("exit", () => browserGroups.delete(pid));
    watchParent(pid, profile);
  }
  return browser;
}

/** Close a browser, and kill its group if closing takes more than `seconds` (a crashed browser may never answer). */
export async function closeChromium(browser: Browser, seconds = 2): Promise<void> {
  const pid = browser.process()?.pid;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, seconds * 1000)));
  // puppeteer 20 sends `Browser.close` even over a connection that has closed, and then waits out the
  // protocol timeout for an answer that cannot come: close only a browser that is still there.
  if (browser.isConnected()) await Promise.race([browser.close().catch(() => {}), late]);
  clearTimeout(timer);
  if (pid && browserGroups.has(pid)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
    const profile = browserGroups.get(pid);
    if (profile) rmSync(profile, { recursive: true, force: true });
    browserGroups.delete(pid);
  }
}

/**
 * A watchdog outside node: while node and the browser live it sleeps; when
 * node is gone and the browser is not, it kills the browser's group and
 * removes its profile folder. It ends by itself once the browser has closed.
 */
function watchParent(browserPid: number, profile: string | undefined): void {
  const script = [
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 0.5; done',
    'if ! kill -0 "$1" 2>/dev/null; then kill -9 "-$2" 2>/dev/null; [ -n "$3" ] && rm -rf -- "$3"; fi',
  ].join("\n");
  try {
    const watchdog = spawn("/bin/sh", ["-c", script, "edition-chromium-watchdog", String(process.pid), String(browserPid), profile ?? ""], {
      detached: true,
      stdio: "ignore",
    });
    watchdog.on("error", () => {});
    watchdog.unref();
  } catch {
    // Without /bin/sh the exit handler still covers every exit but a kill of node itself.
  }
}
