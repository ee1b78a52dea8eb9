// `edition build`: the pipeline, then each renderer, each output written whole.
import path from "node:path";
import { writeAtomically } from "./output.js";
import { EditionErrors, hasErrors } from "./report/report-messages.js";
import { PdfFailedError } from "./report/build-errors.js";
import { reportHtml } from "./report/report-html.js";
import { ChromiumMissingError } from "./render/chromium.js";
import type { BuildCache } from "./watch/build-cache.js";
import { buildEdition, type Edition } from "./pipeline.js";
import { renderEpub } from "./render/epub.js";
import { renderPdf } from "./render/pdf.js";
import { renderPrintHtml } from "./render/print-html.js";

export interface BuildOptions {
  manifestPath: string;
  outDir: string;
  /** Make the PDF too (needs Chromium). */
  pdf: boolean;
  log?: (line: string) => void;
  onPdfProgress?: (pages: number) => void;
  /** Called as each long step starts. */
  onStep?: (step: string) => void;
  /** Work kept between rebuilds (`edition watch`). */
  cache?: BuildCache;
}

export interface BuildResult {
  edition: Edition;
  outputs: { epub: string; html: string; pdf?: string };
  pageCount?: number;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const step = options.onStep ?? (() => {});
  step("reading and restoring the texts");
  const edition = await buildEdition(options.manifestPath, { cache: options.cache?.texts });
  if (hasErrors(edition.files)) throw new EditionErrors(edition.files);
  const { manifest, book } = edition;
  const output = (extension: string) => path.join(options.outDir, `${manifest.slug}.${extension}`);

  const epub = output("epub");
  step("rendering the EPUB");
  await writeAtomically(epub, await renderEpub(manifest, book));
  log(`wrote ${epub}`);

  const html = output("html");
  step("rendering the print HTML");
  const printHtml = await renderPrintHtml(manifest, book);
  await writeAtomically(html, printHtml);
  log(`wrote ${html}`);
  const report = path.join(options.outDir, "report.html");
  await writeAtomically(report, reportHtml(edition));
  log(`wrote ${report}`);

  const result: BuildResult = { edition, outputs: { epub, html } };
  if (!options.pdf) return result;

  const pdfPath = output("pdf");
  if (await options.cache?.pdfIsCurrent(printHtml, pdfPath)) {
    log(`${pdfPath} is up to date (the print HTML did not change)`);
    return { ...result, outputs: { ...result.outputs, pdf: pdfPath } };
  }
  step("laying out the PDF");
  const { pdf, pageCount } = await renderPdf(manifest, printHtml, { onProgress: options.onPdfProgress }).catch((error: unknown) => {
    throw error instanceof ChromiumMissingError ? error : new PdfFailedError(pdfPath, [epub, html, report], error);
  });
  await writeAtomically(pdfPath, pdf);
  options.cache?.pdfWritten(printHtml, pdfPath);
  log(`wrote ${pdfPath} (${pageCount} pages)`);
  return { ...result, outputs: { ...result.outputs, pdf: pdfPath }, pageCount };
}
