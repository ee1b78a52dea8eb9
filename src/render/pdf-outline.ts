// PDF bookmarks (the document outline). pdf-lib has no outline API, so the
// outline dictionaries are built from its low-level objects (PDF 1.7, 12.3.3).
// Nested as the EPUB's navigation: each division, and under a text its
// chapters and their sections (src/book/chapters.ts).
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from "pdf-lib";

export interface OutlineEntry {
  title: string;
  /** 0-based index of the page the entry opens. */
  page: number;
  /** Entries nested under this one (a text's chapters, a chapter's sections). */
  children?: OutlineEntry[];
}

/** A bookmark before its page is known: the id where it opens, its title and the bookmarks under it. */
export interface OutlineTarget {
  id: string;
  title: string;
  children?: OutlineTarget[];
}

/** The targets with the page each opens on (`pageOf`: id → 0-based page, as the layout recorded it). */
export function placeOutline(targets: OutlineTarget[], pageOf: Record<string, number>): OutlineEntry[] {
  return targets.map(({ id, title, children }) => {
    const page = pageOf[id];
    if (page === undefined) throw new Error(`bookmark “${title}”: #${id} is on no page`);
    return { title, page, ...(children?.length ? { children: placeOutline(children, pageOf) } : {}) };
  });
}

/**
 * The outline, opened beside the document: its top level shown, and the
 * entries nested under each (a text's chapters and sections) closed until
 * the reader opens them.
 */
export function setOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const addLevel = (level: OutlineEntry[], parent: PDFRef): PDFRef[] => {
    const refs = level.map(() => context.nextRef());
    level.forEach((entry, i) => {
      const page = pages[entry.page];
      if (!page) throw new Error(`outline entry “${entry.title}” points at page ${entry.page + 1}, past the last page`);
      const item = context.obj({
        Title: PDFHexString.fromText(entry.title),
        Parent: parent,
        Dest: [page.ref, "XYZ", null, null, null],
      });
      if (i > 0) item.set(PDFName.of("Prev"), refs[i - 1]!);
      if (i < refs.length - 1) item.set(PDFName.of("Next"), refs[i + 1]!);
      if (entry.children?.length) {
        const children = addLevel(entry.children, refs[i]!);
        item.set(PDFName.of("First"), children[0]!);
        item.set(PDFName.of("Last"), children.at(-1)!);
        // Closed: a negative count of the entries that opening it shows.
        item.set(PDFName.of("Count"), context.obj(-entry.children.length));
      }
      context.assign(refs[i]!, item);
    });
    return refs;
  };
  const refs = addLevel(entries, rootRef);
  context.assign(rootRef, context.obj({ Type: "Outlines", First: refs[0]!, Last: refs.at(-1)!, Count: entries.length }));
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

/** A document's outline, as the preflight reads it: the top level, each entry with the entries under it. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const root = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (!root) return [];
  const pageRefs = doc.getPages().map((page) => page.ref.toString());
  const seen = new Set<string>();
  const readLevel = (first: unknown): OutlineEntry[] => {
    const entries: OutlineEntry[] = [];
    let ref = first;
    while (ref instanceof PDFRef && !seen.has(ref.toString())) {
      seen.add(ref.toString());
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of("Title"));
      const dest = item.lookup(PDFName.of("Dest"));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      const children = readLevel(item.get(PDFName.of("First")));
      entries.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
        page: target instanceof PDFRef ? pageRefs.indexOf(target.toString()) : -1,
        ...(children.length ? { children } : {}),
      });
      ref = item.get(PDFName.of("Next"));
    }
    return entries;
  };
  return readLevel(root.get(PDFName.of("First")));
}
