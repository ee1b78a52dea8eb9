// Where Chromium is, and the flags it needs on these machines.
import { access, constants } from "node:fs/promises";

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

/** How long to wait for Chromium to start, in ms: puppeteer's 30 s, or `EDITION_CHROMIUM_LAUNCH_TIMEOUT_MS` (the tests' hanging fake uses 2 s). */
export function chromiumLaunchTimeout(): number {
  return Number(process.env.EDITION_CHROMIUM_LAUNCH_TIMEOUT_MS) || 30_000;
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
