// The PDF profiles as data: what each kind of printer (or a screen) asks of
// the file. The renderer, the post-pass, the cover and the preflight read
// these records; none of them branches on a profile's name. Each requirement
// names the published specification it comes from (read 2026-11-29).

export type ProfileName = "offset" | "pod" | "screen";
export type PrintProfileName = Exclude<ProfileName, "screen">;
export const printProfileNames = ["offset", "pod"] as const satisfies readonly PrintProfileName[];

export interface Source {
  url: string;
  /** What the page says that this record follows. */
  says: string;
}

export interface PdfProfile {
  name: ProfileName;
  purpose: string;
  /** The file's name after the slug (`<slug><suffix>.pdf`). */
  suffix: string;
  /** Bleed on each side of the trim, as a length (`3mm`, `0.125in`, `0in`), for a design where nothing runs to the edge. */
  bleed: string;
  /** Bleed when the design runs to the page edge (./page-geometry.ts `designBleeds`). */
  bleedWhenDesignBleeds: string;
  /** Crop marks in the bleed. */
  marks: boolean;
  /** Live link annotations and bookmarks. */
  links: boolean;
  bookmarks: boolean;
  /** The page count: padded with blank pages to a multiple of this. */
  pageMultiple: number;
  /** The last page must be blank (the printer prints its own code there). */
  lastPageBlank: boolean;
  /** Most blank pages in a row inside the book, and at its end (null: no rule). */
  maxBlankRun: { inside: number; end: number } | null;
  /** `k-only`: black and grey as DeviceGray (one ink, K); `as-rendered`: Chromium's RGB. */
  textColour: "k-only" | "as-rendered";
  /** Written through Ghostscript as PDF/X with an output intent (./pdfx.ts), or as Chromium and pdf-lib make it. */
  pdfx: null | { version: "PDF/X-3:2002" };
  /** The cover's bleed on its outside edges (the cover PDF is made for the print profiles). */
  coverBleed: string;
  sources: Source[];
}

const kdpSubmission: Source = {
  url: "https://kdp.amazon.com/en_US/help/topic/G201857950",
  says: "Paperback Submission Guidelines: no crop marks, trim marks, bookmarks, comments or annotations; fonts embedded; page count rounded up to an even number",
};
const kdpReview: Source = {
  url: "https://kdp.amazon.com/en_US/help/topic/GYEKAVKMSE23PFTM",
  says: "Paperback Manual Review Checklist: no more than two consecutive blank pages at the beginning or middle, and/or 10 at the end",
};
const kdpBleed: Source = {
  url: "https://kdp.amazon.com/help?topicId=GVBQ3CMEQW3W2VL6",
  says: "Set Trim Size, Bleed, and Margins: without bleed the page is the trim size; bleed is 0.125 in on top, bottom and outside edge",
};
const kdpCover: Source = {
  url: "https://kdp.amazon.com/en_US/help/topic/G201953020",
  says: "Create a Paperback Cover: one PDF with back, spine and front; 0.125 in bleed on top, bottom and outside edges; spine text only with at least 79 pages",
};
const ingramChecklist: Source = {
  url: "https://www.ingramspark.com/blog/file-requirements-for-print-books",
  says: "File checklist: interior without crop, registration or printer marks; fonts embedded; the final page blank (added if missing)",
};
const lightningPages: Source = {
  url: "https://help.lightningsource.com/hc/en-us/articles/360021475971-Interior-Page-Count-Increases-when-Blank-Pages-are-Added",
  says: "Page count divisible by 2; the last page totally blank (no header, footer or page number)",
};
const ingramGuide: Source = {
  url: "https://help.ingramspark.com/hc/en-us/articles/5338619119245-Creating-and-Designing-Print-Ready-Digital-Files-for-Your-Book",
  says: "File Creation Guide: PDF/X-1a:2001 or PDF/X-3:2002; black-and-white interiors in grayscale, text 100 % K",
};

export const profiles: Record<ProfileName, PdfProfile> = {
  offset: {
    name: "offset",
    purpose: "a printer who imposes and trims the sheets: crop marks in a 3 mm bleed, padded to whole signatures",
    suffix: "",
    bleed: "3mm",
    bleedWhenDesignBleeds: "3mm",
    marks: true,
    links: false,
    bookmarks: true,
    pageMultiple: 4,
    lastPageBlank: false,
    maxBlankRun: null,
    textColour: "as-rendered",
    pdfx: null,
    coverBleed: "3mm",
    sources: [],
  },
  pod: {
    name: "pod",
    purpose: "print-on-demand services (KDP, IngramSpark): pages at the trim, no marks, PDF/X with K-only text",
    suffix: "",
    bleed: "0in",
    bleedWhenDesignBleeds: "0.125in",
    marks: false,
    links: false,
    bookmarks: false,
    pageMultiple: 2,
    lastPageBlank: true,
    maxBlankRun: { inside: 2, end: 10 },
    textColour: "k-only",
    pdfx: { version: "PDF/X-3:2002" },
    coverBleed: "0.125in",
    sources: [kdpSubmission, kdpReview, kdpBleed, kdpCover, ingramChecklist, lightningPages, ingramGuide],
  },
  screen: {
    name: "screen",
    purpose: "reading on a screen: pages cut to the trim, live links and bookmarks",
    suffix: "-screen",
    bleed: "0in",
    bleedWhenDesignBleeds: "0in",
    marks: false,
    links: true,
    bookmarks: true,
    pageMultiple: 1,
    lastPageBlank: false,
    maxBlankRun: null,
    textColour: "as-rendered",
    pdfx: null,
    coverBleed: "0in",
    sources: [],
  },
};

/** Thickness of one page (one leaf side counted as a page) per paper, for the spine. */
export const paperThickness = {
  white: { inchesPerPage: 0.002252 },
  cream: { inchesPerPage: 0.0025 },
} as const;
export type Paper = keyof typeof paperThickness;
export const paperSource: Source = {
  url: "https://kdp.amazon.com/en_US/help/topic/G201857950",
  says: "Paperback Submission Guidelines, spine width: white paper page count × 0.002252 in, cream paper page count × 0.0025 in",
};

/** The back cover's blank area for the barcode (width × height, inches), at its lower outside corner. */
export const barcodeArea = {
  width: 2,
  height: 1.2,
  source: {
    url: "https://www.kdpcover.pro/guide",
    says: "2 × 1.2 in at the bottom right of the back cover (a third-party summary of KDP's cover rules; KDP's own page was not read for this figure)",
  } satisfies Source,
};

/** Fewest pages for text on the spine (KDP: 79). */
export const spineTextMinPages = { pages: 79, source: kdpCover };

/** The print profile a manifest asks for (offset when it says none). */
export function printProfileOf(manifest: { profile?: PrintProfileName }): PdfProfile {
  return profiles[manifest.profile ?? "offset"];
}
