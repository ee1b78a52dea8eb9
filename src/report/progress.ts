// Progress for long steps, on one rewritten terminal line. Quiet when the
// output is not a terminal (CI, pipes), where such lines would be noise.
export interface Progress {
  /** A long step starts. */
  step(label: string): void;
  /** Pages laid out so far in the PDF. */
  pages(count: number): void;
  /** A lasting line (what was written), printed above the progress line. */
  log(line: string): void;
}

export function terminalProgress(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Progress {
  const live = Boolean(out.isTTY && err.isTTY);
  let shown = false;
  const show = (text: string) => {
    if (!live) return;
    err.write(`\r\x1b[K${text}`);
    shown = true;
  };
  return {
    step: (label) => show(`${label}…`),
    pages: (count) => show(`laying out the PDF: ${count} pages`),
    log: (line) => {
      if (shown) err.write("\r\x1b[K");
      shown = false;
      out.write(`${line}\n`);
    },
  };
}
