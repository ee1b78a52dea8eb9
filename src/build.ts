// `edition build`: the pipeline, then each renderer, each output written whole.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { collectGarbage } from "./collect-garbage.js";
import { visit } from "unist-util-visit";
import { whileBuilding } from "./interrupt.js";
import { removeStaleTemporaries, writeAtomically } from "./output.js";
import { betterInPlace, EpubInvalidError } from "./render/epub-check.js";
import { checkEpubOnce } from "./render/epub-check-cache.js";
import { EditionErrors, hasErrors } from "./report/report-messages.js";
import { PdfFailedError } from "./report/build-errors.js";
import { reportHtmlPieces } from "./report/report-html.js";
import { ChromiumMissingError } from "./render/chromium.js";
import type { BuildCache } from "./watch/build-cache.js";
import { buildEdition, type Edition } from "./pipeline.js";
import { renderEpub } from "./render/epub.js";
import type { PageStart, PdfLayout } from "./render/pdf.js";
import { printHtmlPieces, printOutline } from "./render/print-html.js";
import type { PrintProfileName } from "./render/print-profiles.js";
import { writeSite } from "./site/write-site.js";

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
  /**
   * Write the EPUB before laying out the PDF, then again with its page-list
   * once the PDF is made (`edition watch`: the EPUB is ready in a second, not
   * after the layout).
   */
  epubFirst?: boolean;
  /** Further scripts for Paged.js to load (the process tests use one that never lets layout start). */
  pdfScripts?: string[];
  /** End the PDF render when Paged.js lays out no new page for this long (default 120 s). */
  stallSeconds?: number;
  /** The print profile, instead of the manifest's (`--profile`). */
  profile?: PrintProfileName;
  /** Write `site/`, the book's page and web edition, after the outputs it links to (default true; `--no-site`). */
  site?: boolean;
}

export interface BuildResult {
  edition: Edition;
  /** `pdf` is the print profile, `screenPdf` the screen profile. */
  outputs: { epub: string; html: string; pdf?: string; screenPdf?: string; coverPdf?: string; site?: string };
  /** Pages laid out (the screen PDF's count); the print PDF is padded to `printPageCount`. */
  pageCount?: number;
  /** Where each print page starts (from the PDF's render), as the EPUB's page-list uses it. */
  pageStarts?: PageStart[];
  /** The print page (index into pageStarts) each id starts on. */
  anchorPages?: Record<string, number>;
  printPageCount?: number;
}

/**
 * Build the outputs. SIGINT, SIGTERM and SIGHUP stop the build at once and
 * keep the last build's outputs (./interrupt.ts). Each EPUB is checked by
 * EPUBCheck before it is written: one with a fatal error or an error fails the
 * build and the EPUB in place stays. A PDF that fails never costs the EPUB in
 * place its page-list or cover.
 */
export function build(options: BuildOptions): Promise<BuildResult> {
  return whileBuilding(() => buildOnce(options));
}

async function buildOnce(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const step = options.onStep ?? (() => {});
  const stale = await removeStaleTemporaries(options.outDir);
  if (stale.length) log(`removed ${stale.length} temporary file${stale.length === 1 ? "" : "s"} left by a build that was killed: ${stale.join(", ")}`);
  step("reading and restoring the texts");
  const edition = await buildEdition(options.manifestPath, { cache: options.cache?.texts, keepRestored: false, holdHeap: true });
  if (hasErrors(edition.files)) throw new EditionErrors(edition.files);
  // Past the pipeline nothing reads the book's source positions (its messages are made; the renderers copy it without
  // them): on a long text they are a fifth of its memory. The texts' caches keep their own serialised copies.
  visit(edition.book, (node) => void delete node.position);
  collectGarbage();
  const { book } = edition;
  const manifest = options.profile ? { ...edition.manifest, profile: options.profile } : edition.manifest;
  const output = (extension: string, suffix = "") => path.join(options.outDir, `${manifest.slug}${suffix}.${extension}`);
  const epub = output("epub");
  let noChromium: ChromiumMissingError | undefined;
  // Without a PDF the EPUB needs nothing else: it comes first.
  const early = !options.pdf || options.epubFirst;
  // Without a PDF, the EPUB's check (on a worker thread) runs while the print HTML and the report are written.
  let rendered = () => {};
  const epubRendered = new Promise<void>((resolve) => (rendered = resolve));
  const epubWritten = early ? writeEpub(undefined, rendered) : undefined;
  epubWritten?.catch(() => undefined);
  if (early && options.pdf) await epubWritten;
  else if (early) await Promise.race([epubRendered, epubWritten]);

  const html = output("html");
  step("rendering the print HTML");
  // Written piece by piece as each run of divisions is made ready, never whole in memory; read back only for the PDF.
  await writeAtomically(html, printHtmlPieces(manifest, book));
  log(`wrote ${html}`);
  collectGarbage();
  const report = path.join(options.outDir, "report.html");
  await writeAtomically(report, reportHtmlPieces(edition));
  log(`wrote ${report}`);
  if (early && !options.pdf) await epubWritten;

  // The PDF comes before the (final) EPUB: its render says where each print page starts, which the EPUB's page-list needs.
  const pdfPath = output("pdf");
  const screenPath = output("pdf", "-screen");
  const coverPath = output("pdf", "-cover");
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const printHtml = options.pdf ? await readFile(html, "utf8") : "";
  const cached = options.pdf ? await options.cache?.pdfIfCurrent(printHtml, pdfPath) : undefined;
  let printed: PdfLayout | undefined = cached;
  if (cached) log(`${pdfPath} is up to date (the print HTML did not change)`);
  else if (options.pdf) {
    step("laying out the PDF");
    try {
      // Paged.js and pdf-lib are loaded only when a PDF is made.
      const { renderPdf } = await import("./render/pdf.js");
      const rendered = await renderPdf(manifest, printHtml, {
        onProgress: options.onPdfProgress,
        outline: printOutline(book),
        additionalScripts: options.pdfScripts,
        stallSeconds: options.stallSeconds,
      });
      await writeAtomically(pdfPath, rendered.pdf);
      const { profile } = rendered;
      log(`wrote ${pdfPath} (${profile.name}: ${rendered.printPageCount} pages, ${profile.purpose})`);
      await writeAtomically(screenPath, rendered.screen);
      log(`wrote ${screenPath} (screen: ${rendered.pageCount} pages with bookmarks)`);
      const coverStarted = performance.now();
      const { renderPrintCover } = await import("./render/print-cover.js");
      const cover = await renderPrintCover(manifest, rendered.printPageCount, profile);
      await writeAtomically(coverPath, cover.pdf);
      log(`wrote ${coverPath} (${cover.geometry.formula}) in ${seconds(performance.now() - coverStarted)}`);
      const { timings } = rendered;
      log(
        `PDF: layout ${seconds(timings.layout)} (of which soft hyphens ${seconds(rendered.softHyphens.ms)}: ${rendered.softHyphens.removed} removed inside lines, ${rendered.softHyphens.kept} kept at line ends; ${rendered.verticalJustify.justified.length} pages made flush at the foot), ` +
          `Chromium's PDF ${seconds(timings.pdf)}, ${profile.name} and screen profiles ${seconds(timings.profiles)}${profile.pdfx ? `, ${profile.pdfx.version} through Ghostscript ${seconds(timings.pdfx)}` : ""}`,
      );
      options.cache?.pdfWritten(printHtml, pdfPath, rendered);
      printed = rendered;
    } catch (error) {
      // Without Chromium the EPUB is still made (without page-list), then the error is reported.
      if (error instanceof ChromiumMissingError) noChromium = error;
      else {
        const written = !early && (await writeEpub(undefined)) ? [epub, html, report] : [html, report];
        throw new PdfFailedError(pdfPath, written, error);
      }
    }
  }
  // Once more with the page-list; with no layout, the EPUB written first stands.
  if (options.pdf && (printed || !early)) await writeEpub(printed);
  const pdfs = printed ? { pdf: pdfPath, screenPdf: screenPath, ...(cached ? {} : { coverPdf: coverPath }) } : {};
  const site = options.site === false ? undefined : await writeSiteOf(pdfs);
  if (noChromium) throw noChromium;
  return { edition, outputs: { epub, html, ...pdfs, ...(site ? { site } : {}) }, pageCount: printed?.pageCount, printPageCount: printed?.printPageCount, pageStarts: printed?.pageStarts, anchorPages: printed?.anchorPages };

  /** The site links to the EPUB and the PDFs this build made, so it comes last. */
  async function writeSiteOf(pdfs: { pdf?: string; screenPdf?: string }): Promise<string> {
    step("writing the site");
    const started = performance.now();
    const written = await writeSite({ outDir: options.outDir, manifest, book, outputs: { epub, ...pdfs }, layout: printed, log });
    log(`wrote ${written.dir}/ (${written.pages} pages, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return written.dir;
  }

  /** Render, check and write the EPUB; false when the EPUB in place was kept because it is better (a PDF that was asked for failed). */
  async function writeEpub(layout: typeof printed, rendered?: () => void): Promise<boolean> {
    step("rendering the EPUB");
    const data = await renderEpub(manifest, book, { pageStarts: layout?.pageStarts, anchorPages: layout?.anchorPages, log });
    rendered?.();
    // The EPUB's copy of the book and its chapters are garbage now: gone before EPUBCheck unpacks and parses the package.
    collectGarbage();
    step("checking the EPUB");
    const checked = await checkEpubOnce(data);
    if (checked.errors.length) throw new EpubInvalidError(epub, checked.errors);
    const pending = options.pdf && options.epubFirst && !noChromium;
    if (options.pdf && !layout && !pending) {
      const lost = await betterInPlace(await readFile(epub).catch(() => undefined), data);
      if (lost) {
        log(`kept ${epub} as it was: it has ${lost}, which an EPUB made without the PDF lacks`);
        return false;
      }
    }
    await writeAtomically(epub, data);
    collectGarbage();
    const why = pending ? "its page-list follows once the PDF is laid out" : "the PDF was not made";
    log(`wrote ${epub}${layout ? "" : ` (no page-list of the print edition: ${why})`}`);
    return true;
  }
}
