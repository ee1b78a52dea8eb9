// The web edition's interface words by the manifest's `language`, as the
// book's own (../book/words.ts): English is the fallback for a language or a
// word a table lacks.
import { wordsForLanguage } from "../book/words.js";

export interface SiteWords {
  skipToContent: string;
  book: string;
  pager: string;
  previous: string;
  next: string;
  contents: string;
  readOnline: string;
  by: (authors: string[]) => string;
  downloads: string;
  epub: string;
  screenPdf: string;
  printPdf: string;
  /** The facts of a download, each a short phrase. */
  bytes: (size: string) => string;
  pages: (count: number) => string;
  epubPageList: string;
  screenFacts: string;
  printFacts: (trim: string) => string;
  notMade: string;
  /** The label of a print-page marker (`Page 12 of the print edition`). */
  printPage: (folio: string) => string;
  corrections: string;
  /** `The` [editorial note] `lists 3 corrections of slips in the sources: ` (a text and its count follow). */
  correctionsBefore: string;
  editorialNote: string;
  correctionsAfter: (total: number) => string;
  built: string;
  sourcesAndRights: string;
}

const english: SiteWords = {
  skipToContent: "Skip to the content",
  book: "Book",
  pager: "Previous and next",
  previous: "Previous",
  next: "Next",
  contents: "Contents",
  readOnline: "Read online",
  by: (authors) => `By ${authors.length > 1 ? `${authors.slice(0, -1).join(", ")} and ${authors.at(-1)}` : (authors[0] ?? "")}`,
  downloads: "Downloads",
  epub: "EPUB",
  screenPdf: "PDF for screens",
  printPdf: "PDF for print",
  bytes: (size) => size,
  pages: (count) => `${count} page${count === 1 ? "" : "s"}`,
  epubPageList: "with the page numbers of the print edition",
  screenFacts: "bookmarks and live links",
  printFacts: (trim) => `${trim} trim, bleed and crop marks`,
  notMade: "not made in this build",
  printPage: (folio) => `Page ${folio} of the print edition`,
  corrections: "Corrections",
  correctionsBefore: "The ",
  editorialNote: "editorial note",
  correctionsAfter: (total) => ` lists ${total} correction${total === 1 ? "" : "s"} of slips in the sources: `,
  built: "Built",
  sourcesAndRights: "Sources and rights",
};

const tables: Record<string, Partial<SiteWords>> = { en: english };

export function siteWords(language: string): SiteWords {
  return wordsForLanguage(english, tables, language);
}
