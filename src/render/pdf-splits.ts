// Where Paged.js cut a block at a page break, as recorded in the browser after
// layout (./browser/page-splits.js): the record travels with the PDF (a
// private PieceInfo entry of the catalog, ISO 32000-1 14.5), so the structure
// post-pass joins exactly those pairs and `edition check --pdf` counts
// against the same list. A PDF without the record falls back to telling a cut
// from the text (./pdf-structure.ts `continues`).
import { deflateSync } from "node:zlib";
import { PDFDict, PDFName, PDFRawStream, PDFString, decodePDFRawStream, type PDFDocument } from "pdf-lib";

/** One block a page break cut: `page` is the index of the page its first part ends on. */
export interface PageSplit {
  page: number;
  /** The block: its tag name, or `footnote`, `list`, `listitem` (a definition list with list roles). */
  kind: string;
  /** The last words of the first part and the first words of the continuation. */
  end: string;
  start: string;
}

/** The structure type Chromium gives each recorded kind (after the post-pass: a footnote is a Note, a definition a list body). */
const structureTypes: Record<string, string> = {
  p: "P",
  blockquote: "BlockQuote",
  li: "LI",
  listitem: "LI",
  ol: "L",
  ul: "L",
  list: "L",
  dd: "LBody",
  dt: "Lbl",
  h1: "H1",
  h2: "H2",
  h3: "H3",
  h4: "H4",
  h5: "H5",
  h6: "H6",
  table: "Table",
  tr: "TR",
  figure: "Figure",
  footnote: "Note",
};
export const structureTypeOf = (split: PageSplit): string | undefined => structureTypes[split.kind];

/** Letters and digits only, lower case: the DOM's text and the PDF's differ in spaces, hyphens at line ends, ligatures and generated punctuation. */
export const letters = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** How many letters of each side are compared. */
export const compared = 16;
export const endOf = (split: PageSplit) => letters(split.end).slice(-compared);
export const startOf = (split: PageSplit) => letters(split.start).slice(0, compared);

const key = PDFName.of("EditionPipeline");

/** Keep the record in the PDF: the catalog's PieceInfo, as a deflated JSON stream. */
export function writeSplitRecord(doc: PDFDocument, splits: PageSplit[], modified: Date): void {
  const { context } = doc;
  const pieces = doc.catalog.lookupMaybe(PDFName.of("PieceInfo"), PDFDict) ?? context.obj({});
  const stream = context.stream(deflateSync(Buffer.from(JSON.stringify(splits), "utf8")), { Filter: "FlateDecode" });
  const iso = modified.toISOString();
  const date = `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  pieces.set(key, context.obj({ LastModified: PDFString.of(date), Private: context.obj({ PageSplits: context.register(stream) }) }));
  doc.catalog.set(PDFName.of("PieceInfo"), pieces);
}

/** The record, or undefined for a PDF made without it (another tool, an older build). */
export function readSplitRecord(doc: PDFDocument): PageSplit[] | undefined {
  const data = doc.catalog.lookupMaybe(PDFName.of("PieceInfo"), PDFDict)?.lookupMaybe(key, PDFDict);
  const stream = data?.lookupMaybe(PDFName.of("Private"), PDFDict)?.lookup(PDFName.of("PageSplits"));
  if (!(stream instanceof PDFRawStream)) return undefined;
  const bytes = decodePDFRawStream(stream).decode();
  const parsed: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
  if (!Array.isArray(parsed)) return undefined;
  return parsed.filter(
    (split): split is PageSplit =>
      !!split && typeof split === "object" && typeof split.page === "number" && typeof split.kind === "string" && typeof split.end === "string" && typeof split.start === "string",
  );
}
