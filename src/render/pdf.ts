// The PDF: Paged.js (through pagedjs-cli's Printer, driven from Node) lays
// out the print HTML in Chromium once, with bleed and crop marks; the
// contents' page numbers are written in as text after layout. Two profiles
// are derived from that one render by a pdf-lib post-pass (./pdf-profiles.ts):
// `print` (bleed, marks, page boxes, padded to a multiple of 4) and `screen`
// (cut to the trim, live links, bookmarks).
import path from "node:path";
import { fileURLToPath } from "node:url";
import Printer from "pagedjs-cli";
import type { Browser, Page } from "puppeteer";
import type { Manifest } from "../manifest/manifest-schema.js";
import { closeChromium, launchChromium } from "./chromium.js";
import { makeProfiles } from "./pdf-profiles.js";
import { printProfileOf, type PdfProfile } from "./print-profiles.js";
import { toPdfx } from "./pdfx.js";
import { placeOutline, type OutlineTarget } from "./pdf-outline.js";
import type { PageSplit } from "./pdf-splits.js";

const browserDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "browser");
const pageRangesScript = path.join(browserDir, "page-ranges.js");
const pageMapScript = path.join(browserDir, "page-map.js");
const wordBreaksScript = path.join(browserDir, "word-breaks.js");
const softHyphensScript = path.join(browserDir, "soft-hyphens.js");
const tableHeadersScript = path.join(browserDir, "table-headers.js");
const pageSplitsScript = path.join(browserDir, "page-splits.js");
const hyphenLaddersScript = path.join(browserDir, "hyphen-ladders.js");
const verticalJustifyScript = path.join(browserDir, "vertical-justify.js");

export interface PdfResult {
  /** The print profile. */
  pdf: Uint8Array;
  /** The screen profile. */
  screen: Uint8Array;
  /** Pages Paged.js laid out (the screen profile's page count). */
  pageCount: number;
  /** Where each page of the PDF starts, for the EPUB's page-list. */
  pageStarts: PageStart[];
  /** The page (index into pageStarts) each id starts on, for the EPUB's back-matter page numbers. */
  anchorPages: Record<string, number>;
  /** Pages of the print profile, padded with blank pages to a multiple of 4. */
  printPageCount: number;
  /** Wall time in ms of the stages: Paged.js layout (with browser start), Chromium's PDF, the profiles' post-pass, Ghostscript's PDF/X (0 when the profile wants none). */
  timings: { layout: number; pdf: number; profiles: number; pdfx: number };
  /** The print profile the render was made for. */
  profile: PdfProfile;
  /** Soft hyphens the layout removed (inside a line) and kept (ending a line), and the ms that took. */
  softHyphens: { removed: number; kept: number; ms: number };
  /** Pages (from 1) made flush at the foot after layout, and pages that ran on short but could not be (./browser/vertical-justify.js). */
  verticalJustify: { justified: number[]; left: number[]; ms: number };
}

/** What the EPUB needs from a PDF's render (the build cache keeps it with the PDF, so a skipped render still gives a page-list). */
export type PdfLayout = Pick<PdfResult, "pageCount" | "printPageCount" | "pageStarts" | "anchorPages">;

/** A section the PDF's bookmarks open: the element id where it starts, its title and the bookmarks nested under it. */
export type { OutlineTarget } from "./pdf-outline.js";

/** One print page: its folio and where its content starts (null on a blank page). */
export interface PageStart {
  folio: string;
  start: { ids: { id: string; offset: number }[]; snippet: string } | null;
}

export interface PdfOptions {
  /** Called with the number of pages laid out so far. */
  onProgress?: (pages: number) => void;
  /** Bookmarks, in book order. */
  outline?: OutlineTarget[];
  /** End the render when Paged.js lays out no new page for this long (default 120 s). */
  stallSeconds?: number;
  /** Pages made flush at the foot after layout (./browser/vertical-justify.js); `false` leaves them as Paged.js set them (tests compare). */
  verticalJustify?: boolean;
  /** Further scripts to load after Paged.js (tests use one that hangs). */
  additionalScripts?: string[];
}

export class PdfStalledError extends Error {
  constructor(seconds: number, pages: number) {
    super(
      `the PDF render stopped making progress: Paged.js laid out no new page for ${seconds} s ` +
        `(${pages} page${pages === 1 ? "" : "s"} laid out so far), so it was ended. ` +
        `Open the print HTML in Chromium to see where layout stops.`,
    );
    this.name = "PdfStalledError";
  }
}

/**
 * pagedjs-cli launches puppeteer with no way to name the browser: give it
 * ours, which never outlives node, with every protocol call bounded by the
 * layout watchdog's time (a crashed browser does not keep node waiting).
 */
class EditionPrinter extends Printer {
  constructor(private readonly protocolSeconds: number, options: ConstructorParameters<typeof Printer>[0]) {
    super(options);
  }
  override async setup(): Promise<Browser> {
    this.browser = await launchChromium({ protocolSeconds: this.protocolSeconds });
    return this.browser;
  }
  override async close(): Promise<void> {
    if (this.browser) await closeChromium(this.browser);
  }
}

/** Rejects when no page has come for `seconds`; every page re-arms it. */
function watchdog(seconds: number, pages: () => number) {
  let timer: NodeJS.Timeout | undefined;
  let fire: (error: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => (fire = reject));
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fire(new PdfStalledError(seconds, pages())), seconds * 1000);
  };
  return { stalled, arm, stop: () => clearTimeout(timer) };
}

export async function renderPdf(manifest: Manifest, html: string, options: PdfOptions = {}): Promise<PdfResult> {
  const stallSeconds = options.stallSeconds ?? 120;
  const printer = new EditionPrinter(stallSeconds, {
    additionalScripts: [pageRangesScript, pageMapScript, wordBreaksScript, softHyphensScript, tableHeadersScript, hyphenLaddersScript, pageSplitsScript, ...(options.verticalJustify === false ? [] : [verticalJustifyScript]), ...(options.additionalScripts ?? [])],
    timeout: 0,
  });
  const guard = watchdog(stallSeconds, () => printer.pages.length);
  // pagedjs-cli leaves some protocol calls unawaited (`page.setExtraHTTPHeaders`): when the browser goes away
  // they reject with no one to catch them, which would end node with a raw stack. The render's own rejection says what happened.
  const browserGone = (reason: unknown) => {
    if (reason instanceof Error && /^(TargetCloseError|ProtocolError)$/.test(reason.name)) return;
    throw reason;
  };
  process.on("unhandledRejection", browserGone);
  const started = performance.now();
  try {
    printer.on("page", () => {
      guard.arm();
      options.onProgress?.(printer.pages.length);
    });
    guard.arm();
    const page: Page = await Promise.race([printer.render({ html }), guard.stalled]);
    guard.stop();
    const missing = await page.evaluate(() => (window as unknown as EditionWindow).editionFillContents());
    if (missing.length) throw new Error(`contents entries with no page: ${missing.join(", ")}`);
    const { anchors, pageStarts } = await page.evaluate(() => {
      const map = (window as unknown as EditionWindow).editionPageMap;
      return { anchors: map.anchors, pageStarts: map.folios.map((folio, index) => ({ folio, start: map.pageStarts[index] ?? null })) };
    });
    const unplaced = await page.evaluate(() => (window as unknown as EditionWindow).editionMissingPageRefs());
    if (unplaced.length) throw new Error(`page references to anchors no page holds: ${unplaced.slice(0, 10).join(", ")}`);
    const softHyphens = await page.evaluate(() => (window as unknown as EditionWindow).editionSoftHyphens);
    const splits = await page.evaluate(() => (window as unknown as EditionWindow).editionPageSplits());
    const verticalJustify = (await page.evaluate(() => (window as unknown as EditionWindow).editionVerticalJustify)) ?? { justified: [], left: [], ms: 0 };
    const laidOut = performance.now();
    const raw = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: 0 });
    const printed = performance.now();
    const outline = placeOutline(options.outline ?? [], anchors);
    const profile = printProfileOf(manifest);
    const made = await makeProfiles(raw, manifest, outline, profile, pageStarts.map((page) => page.folio), splits);
    const profiled = performance.now();
    const print = profile.pdfx ? await toPdfx(made.print, manifest, profile.pdfx.version) : made.print;
    const timings = { layout: laidOut - started, pdf: printed - laidOut, profiles: profiled - printed, pdfx: profile.pdfx ? performance.now() - profiled : 0 };
    return { pdf: print, screen: made.screen, pageCount: printer.pages.length, printPageCount: made.printPageCount, pageStarts, anchorPages: anchors, timings, profile, softHyphens, verticalJustify };
  } catch (error) {
    // puppeteer's words for a browser that went away ("Target closed", "Navigation failed because browser has disconnected!").
    const gone = printer.browser ? !printer.browser.isConnected() : !(error instanceof Error);
    if (gone) {
      const reason = error instanceof Error ? error.message : (JSON.stringify(error) ?? String(error)).slice(0, 200);
      throw new Error(`Chromium closed or crashed during the layout (${reason})`, { cause: error });
    }
    throw error;
  } finally {
    guard.stop();
    await printer.close();
    // Late rejections of calls that were in flight arrive within a turn or two of the close.
    setTimeout(() => process.off("unhandledRejection", browserGone), 1000).unref();
  }
}

interface EditionWindow {
  editionFillContents(): string[];
  editionPageMap: { anchors: Record<string, number>; folios: string[]; pageStarts: (PageStart["start"] | undefined)[] };
  editionMissingPageRefs(): string[];
  editionSoftHyphens: { removed: number; kept: number; ms: number };
  editionPageSplits(): PageSplit[];
  editionVerticalJustify: PdfResult["verticalJustify"];
}
