// What `edition watch` keeps between builds: each text's processed trees, and
// the print HTML the PDF on disk was made from, so the PDF is laid out again
// only when the print HTML changed.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { PdfLayout } from "../render/pdf.js";
import { TextCache } from "./text-cache.js";

export class BuildCache {
  /** A `PersistentTextCache` (./persistent-text-cache.ts) keeps the texts' work between processes too. */
  constructor(readonly texts: TextCache = new TextCache()) {}
  private pdf?: { path: string; html: string; layout: PdfLayout };

  /** The layout of the PDF at `pdfPath` when it was made from this very print HTML, else undefined. */
  async pdfIfCurrent(printHtml: string, pdfPath: string): Promise<PdfLayout | undefined> {
    if (this.pdf?.path !== pdfPath || this.pdf.html !== digest(printHtml)) return undefined;
    return (await stat(pdfPath).catch(() => undefined)) ? this.pdf.layout : undefined;
  }

  pdfWritten(printHtml: string, pdfPath: string, { pageCount, printPageCount, pageStarts, anchorPages }: PdfLayout): void {
    this.pdf = { path: pdfPath, html: digest(printHtml), layout: { pageCount, printPageCount, pageStarts, anchorPages } };
  }
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");
