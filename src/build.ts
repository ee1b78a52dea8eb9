// `edition build`: the pipeline, then each renderer, each output written whole.
import path from "node:path";
import { writeAtomically } from "./output.js";
import { EditionErrors, hasErrors } from "./report/report-messages.js";
import { buildEdition, type Edition } from "./pipeline.js";
import { renderEpub } from "./render/epub.js";
import { renderPdf } from "./render/pdf.js";
import { printOutline, renderPrintHtml } from "./render/print-html.js";

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
  /** `pdf` is the print profile, `screenPdf` the screen profile. */
  outputs: { epub: string; html: string; pdf?: string; screenPdf?: string };
  /** Pages laid out (the screen PDF's count); the print PDF is padded to `printPageCount`. */
  pageCount?: number;
  printPageCount?: number;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const edition = await buildEdition(options.manifestPath);
  if (hasErrors(edition.files)) throw new EditionErrors(edition.files);
  const { manifest, book } = edition;
  const output = (extension: string, suffix = "") => path.join(options.outDir, `${manifest.slug}${suffix}.${extension}`);

  const epub = output("epub");
  await writeAtomically(epub, await renderEpub(manifest, book));
  log(`wrote ${epub}`);

  const html = output("html");
  const printHtml = await renderPrintHtml(manifest, book);
  await writeAtomically(html, printHtml);
  log(`wrote ${html}`);

  const result: BuildResult = { edition, outputs: { epub, html } };
  if (!options.pdf) return result;

  const { pdf, screen, pageCount, printPageCount, timings } = await renderPdf(manifest, printHtml, {
    onProgress: options.onPdfProgress,
    outline: printOutline(book),
  });
  const pdfPath = output("pdf");
  await writeAtomically(pdfPath, pdf);
  log(`wrote ${pdfPath} (print: ${printPageCount} pages with bleed and crop marks)`);
  const screenPath = output("pdf", "-screen");
  await writeAtomically(screenPath, screen);
  log(`wrote ${screenPath} (screen: ${pageCount} pages with bookmarks)`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(`PDF: layout ${seconds(timings.layout)}, Chromium's PDF ${seconds(timings.pdf)}, print and screen profiles ${seconds(timings.profiles)}`);
  return { ...result, outputs: { ...result.outputs, pdf: pdfPath, screenPdf: screenPath }, pageCount, printPageCount };
}
