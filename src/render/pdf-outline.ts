// PDF bookmarks (the document outline). pdf-lib has no outline API, so the
// outline dictionaries are built from its low-level objects (PDF 1.7, 12.3.3).
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from "pdf-lib";

export interface OutlineEntry {
  title: string;
  /** 0-based index of the page the entry opens. */
  page: number;
}

/** A flat outline, one entry per section, opened beside the document. */
export function setOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const page = pages[entry.page];
    if (!page) throw new Error(`outline entry “${entry.title}” points at page ${entry.page + 1}, past the last page`);
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: [page.ref, "XYZ", null, null, null],
    });
    if (i > 0) item.set(PDFName.of("Prev"), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of("Next"), refs[i + 1]!);
    context.assign(refs[i]!, item);
  });
  context.assign(rootRef, context.obj({ Type: "Outlines", First: refs[0]!, Last: refs.at(-1)!, Count: entries.length }));
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

/** The top level of a document's outline, as the preflight reads it. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const root = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (!root) return [];
  const pageRefs = doc.getPages().map((page) => page.ref.toString());
  const entries: OutlineEntry[] = [];
  const seen = new Set<string>();
  let ref = root.get(PDFName.of("First"));
  while (ref instanceof PDFRef && !seen.has(ref.toString())) {
    seen.add(ref.toString());
    const item = doc.context.lookup(ref, PDFDict);
    const title = item.lookup(PDFName.of("Title"));
    const dest = item.lookup(PDFName.of("Dest"));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    entries.push({
      title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
      page: target instanceof PDFRef ? pageRefs.indexOf(target.toString()) : -1,
    });
    ref = item.get(PDFName.of("Next"));
  }
  return entries;
}
