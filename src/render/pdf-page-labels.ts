// PDF page labels (ISO 32000 12.4.2), so a viewer's page numbers are the
// printed folios: roman in the front matter, arabic from the first text.
// The folios are the ones page-map.js wrote on the pages (blank and opening
// pages carry none on the page, but are counted, so they are labelled too).
import { PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { romanValue } from "../restore/division-headings.js";

interface LabelRange {
  /** The first page index of the range. */
  from: number;
  style: "r" | "D";
  /** The number the range's first page carries. */
  start: number;
}

/** The runs of pages numbered alike, one range each; a page past the folios (padding) continues the last run. */
export function labelRanges(folios: string[]): LabelRange[] {
  const ranges: LabelRange[] = [];
  let previous: { style: LabelRange["style"]; value: number } | undefined;
  folios.forEach((folio, index) => {
    const arabic = /^\d+$/.test(folio) ? Number(folio) : undefined;
    const value = arabic ?? romanValue(folio);
    if (value === undefined) return;
    const style = arabic !== undefined ? "D" : "r";
    if (!previous || previous.style !== style || value !== previous.value + 1) ranges.push({ from: index, style, start: value });
    previous = { style, value };
  });
  return ranges;
}

export function setPageLabels(doc: PDFDocument, folios: string[]): void {
  const ranges = labelRanges(folios);
  if (!ranges.length) return;
  const context = doc.context;
  const nums = ranges.flatMap(({ from, style, start }) => {
    const label = context.obj({ S: PDFName.of(style), ...(start !== 1 ? { St: PDFNumber.of(start) } : {}) });
    return [PDFNumber.of(from), label];
  });
  const labels = context.obj({ Nums: context.obj(nums) }) as PDFDict;
  doc.catalog.set(PDFName.of("PageLabels"), context.register(labels));
}
