// The PDF: Paged.js (through pagedjs-cli's Printer, driven from Node) lays
// out the print HTML in Chromium; the contents' page numbers are written in
// as text after layout; pdf-lib sets the document's metadata.
import path from "node:path";
import { fileURLToPath } from "node:url";
import Printer from "pagedjs-cli";
import { PDFDocument } from "pdf-lib";
import puppeteer, { type Browser, type Page } from "puppeteer";
import type { Manifest } from "../manifest/manifest-schema.js";
import { assertChromium, chromiumArgs } from "./chromium.js";

const pageMapScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "browser", "page-map.js");

export interface PdfResult {
  pdf: Uint8Array;
  pageCount: number;
  /** Where each page of the PDF starts, for the EPUB's page-list. */
  pageStarts: PageStart[];
}

/** One print page: its folio and where its content starts (null on a blank page). */
export interface PageStart {
  folio: string;
  start: { ids: { id: string; offset: number }[]; snippet: string } | null;
}

export interface PdfOptions {
  /** Called with the number of pages laid out so far. */
  onProgress?: (pages: number) => void;
}

/** pagedjs-cli launches puppeteer with no way to name the browser: give it ours. */
class EditionPrinter extends Printer {
  constructor(private readonly executablePath: string, options: ConstructorParameters<typeof Printer>[0]) {
    super(options);
  }
  override async setup(): Promise<Browser> {
    this.browser = await puppeteer.launch({ executablePath: this.executablePath, headless: "new", args: chromiumArgs });
    return this.browser;
  }
}

export async function renderPdf(manifest: Manifest, html: string, options: PdfOptions = {}): Promise<PdfResult> {
  const executablePath = await assertChromium();
  const printer = new EditionPrinter(executablePath, { additionalScripts: [pageMapScript], timeout: 0 });
  try {
    printer.on("page", () => options.onProgress?.(printer.pages.length));
    const page: Page = await printer.render({ html });
    const missing = await page.evaluate(() => (window as unknown as EditionWindow).editionFillContents());
    if (missing.length) throw new Error(`contents entries with no page: ${missing.join(", ")}`);
    const pageStarts = await page.evaluate(() => {
      const map = (window as unknown as EditionWindow).editionPageMap;
      return map.folios.map((folio, index) => ({ folio, start: map.pageStarts[index] ?? null }));
    });
    const unplaced = await page.evaluate(() => (window as unknown as EditionWindow).editionMissingPageRefs());
    if (unplaced.length) throw new Error(`page references to anchors no page holds: ${unplaced.slice(0, 10).join(", ")}`);
    const raw = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: 0 });
    const pdf = await finishPdf(raw, manifest);
    return { pdf, pageCount: printer.pages.length, pageStarts };
  } finally {
    await printer.close();
  }
}

interface EditionWindow {
  editionFillContents(): string[];
  editionPageMap: { folios: string[]; pageStarts: (PageStart["start"] | undefined)[] };
  editionMissingPageRefs(): string[];
}

/** Metadata with dates fixed by the manifest, so a rebuild gives the same PDF. */
async function finishPdf(raw: Uint8Array, manifest: Manifest): Promise<Uint8Array> {
  const doc = await PDFDocument.load(raw);
  const revised = new Date(`${manifest.revised}T00:00:00Z`);
  doc.setTitle(manifest.subtitle ? `${manifest.title}: ${manifest.subtitle}` : manifest.title, { showInWindowTitleBar: true });
  doc.setAuthor([...new Set(manifest.texts.map((text) => text.author))].join(", "));
  doc.setSubject(manifest.description);
  doc.setKeywords([manifest.subject]);
  doc.setLanguage(manifest.language);
  doc.setCreator("edition pipeline (Paged.js)");
  doc.setProducer("Chromium, pdf-lib");
  doc.setCreationDate(revised);
  doc.setModificationDate(revised);
  return doc.save();
}
