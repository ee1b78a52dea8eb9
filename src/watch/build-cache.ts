// What `edition watch` keeps between builds: each text's processed trees, and
// the print HTML the PDF on disk was made from, so the PDF is laid out again
// only when the print HTML changed.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { TextCache } from "./text-cache.js";

export class BuildCache {
  readonly texts = new TextCache();
  private pdf?: { path: string; html: string };

  /** True when `pdfPath` still holds the PDF made from this very print HTML. */
  async pdfIsCurrent(printHtml: string, pdfPath: string): Promise<boolean> {
    if (this.pdf?.path !== pdfPath || this.pdf.html !== digest(printHtml)) return false;
    return Boolean(await stat(pdfPath).catch(() => undefined));
  }

  pdfWritten(printHtml: string, pdfPath: string): void {
    this.pdf = { path: pdfPath, html: digest(printHtml) };
  }
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");
