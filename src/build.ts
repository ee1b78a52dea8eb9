// `edition build`: the pipeline, then each renderer, each output written whole.
import path from "node:path";
import { writeAtomically } from "./output.js";
import { EditionErrors, hasErrors } from "./report/report-messages.js";
import { buildEdition, type Edition } from "./pipeline.js";
import { renderEpub } from "./render/epub.js";
import { renderPdf, type PageStart, type PdfResult } from "./render/pdf.js";
import { ChromiumMissingError } from "./render/chromium.js";
import { renderPrintHtml } from "./render/print-html.js";

export interface BuildOptions {
  manifestPath: string;
  outDir: string;
  /** Make the PDF too (needs Chromium). */
  pdf: boolean;
  log?: (line: string) => void;
  onPdfProgress?: (pages: number) => void;
}

export interface BuildResult {
  edition: Edition;
  outputs: { epub: string; html: string; pdf?: string };
  pageCount?: number;
  /** Where each print page starts (from the PDF's render), as the EPUB's page-list uses it. */
  pageStarts?: PageStart[];
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const edition = await buildEdition(options.manifestPath);
  if (hasErrors(edition.files)) throw new EditionErrors(edition.files);
  const { manifest, book } = edition;
  const output = (extension: string) => path.join(options.outDir, `${manifest.slug}.${extension}`);

  const html = output("html");
  const printHtml = await renderPrintHtml(manifest, book);
  await writeAtomically(html, printHtml);
  log(`wrote ${html}`);

  // The PDF comes first: its render says where each print page starts, which the EPUB's page-list needs.
  let printed: PdfResult | undefined;
  let noChromium: ChromiumMissingError | undefined;
  try {
    printed = options.pdf ? await renderPdf(manifest, printHtml, { onProgress: options.onPdfProgress }) : undefined;
  } catch (error) {
    // Without Chromium the EPUB is still made (without page-list), then the error is reported.
    if (!(error instanceof ChromiumMissingError)) throw error;
    noChromium = error;
  }
  const pdfPath = printed ? output("pdf") : undefined;
  if (printed && pdfPath) {
    await writeAtomically(pdfPath, printed.pdf);
    log(`wrote ${pdfPath} (${printed.pageCount} pages)`);
  }

  const epub = output("epub");
  const rendered = await renderEpub(manifest, book, { pageStarts: printed?.pageStarts, log });
  await writeAtomically(epub, rendered);
  log(`wrote ${epub}${printed ? "" : " (no page-list of the print edition: the PDF was not made)"}`);

  if (noChromium) throw noChromium;
  return { edition, outputs: { epub, html, ...(pdfPath ? { pdf: pdfPath } : {}) }, pageCount: printed?.pageCount, pageStarts: printed?.pageStarts };
}
