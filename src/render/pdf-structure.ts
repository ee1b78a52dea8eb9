// The PDF's structure tree for a reader who listens: Chromium tags what it
// prints, but the tags follow Paged.js' page boxes. This post-pass (pdf-lib's
// low-level objects) makes the running heads and folios artifacts, lets
// unmarked paint (backgrounds, rules, crop marks) be artifacts too, drops
// the NonStruct wrappers, gives list items Lbl/LBody, turns footnotes into
// Note elements after their call, joins a paragraph, quotation or list item
// a page break cut in two, and gives every link a /Contents. The checks that
// read it back are in src/preflight/pdf-accessibility.ts. Written against
// the PDF/UA-1 rules (veraPDF's list); conformance is not claimed.
import { deflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject, type PDFPage } from "pdf-lib";
import { pageFonts, pageSource, readPageContent, type MarkedRun, type PageContent } from "./pdf-content.js";
import { endOf, letters, startOf, structureTypeOf, type PageSplit } from "./pdf-splits.js";

/** Where the page's furniture stands: y in points from the page's top edge, above `top` or below `bottom`. */
export type FurnitureBands = (page: PDFPage) => { top: number; bottom: number };

/** Tagged content: a marked-content sequence on a page. */
export interface Content {
  page: number;
  mcid: number;
  text: string;
  /** Where its text starts and ends vertically (default user space), to tell a new line. */
  y?: [number, number];
}
export interface ObjectRef {
  objr: PDFDict;
  annotation: PDFRef;
}
export interface Element {
  type: string;
  kids: (Element | Content | ObjectRef)[];
  dict?: PDFDict;
  ref?: PDFRef;
  id?: string;
}
export const isElement = (kid: Element | Content | ObjectRef): kid is Element => "type" in kid;
export const isContent = (kid: Element | Content | ObjectRef): kid is Content => "mcid" in kid;

const name = (value: string) => PDFName.of(value);
const typeOf = (dict: PDFDict) => dict.get(name("S"))?.toString().slice(1) ?? "";

/** Text of an element, notes and references to them left out when `plain`, notes alone when `"notes"`. */
export function textOf(element: Element, plain: boolean | "notes" = false): string {
  const skipped = (type: string) => (plain === "notes" ? type === "Note" : plain && (type === "Note" || type === "Reference"));
  let text = "";
  let last: Content | undefined;
  const add = (kid: Element | Content | ObjectRef) => {
    if (isContent(kid)) {
      // Runs on different lines (a title, then its author) are different words. (Only the last character is
      // tested: a regex anchored with `$` would scan the whole text, quadratic for a long element.)
      const newLine = last && (last.page !== kid.page || (last.y && kid.y && Math.abs(last.y[1] - kid.y[0]) > 1));
      if (newLine && text && kid.text && !/[\s\-\u00ad]/.test(text.at(-1)!) && !/^\s/.test(kid.text)) text += " ";
      text += kid.text;
      last = kid;
    } else if (isElement(kid) && !skipped(kid.type)) kid.kids.forEach(add);
  };
  element.kids.forEach(add);
  return text;
}
export const firstContent = (element: Element): Content | undefined => {
  for (const kid of element.kids) {
    const found = isContent(kid) ? kid : isElement(kid) ? firstContent(kid) : undefined;
    if (found) return found;
  }
  return undefined;
};
export const lastContent = (element: Element): Content | undefined => {
  for (const kid of [...element.kids].reverse()) {
    const found = isContent(kid) ? kid : isElement(kid) ? lastContent(kid) : undefined;
    if (found) return found;
  }
  return undefined;
};

export interface StructureFigures {
  furniture: number;
  untagged: number;
  /** Text outside Chromium's tags, now tagged in the element beside it. */
  generated: number;
  nonStruct: number;
  notes: number;
  joined: number;
  /** The cuts Paged.js recorded (undefined: no record, cuts told from the text). */
  recorded?: number;
  links: number;
}

/** Read the tree: elements, marked content with its text, annotation references. */
export function readTree(doc: PDFDocument, contents: PageContent[]): Element | undefined {
  const root = doc.catalog.lookupMaybe(name("StructTreeRoot"), PDFDict);
  if (!root) return undefined;
  const { context } = doc;
  const pageIndex = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index]));
  const runs = contents.map((content) => new Map(content.runs.filter((run) => run.mcid !== undefined).map((run) => [run.mcid!, run])));
  const content = (page: number, mcid: number): Content => {
    const run = runs[page]?.get(mcid);
    const first = run?.points[0]?.[1];
    const last = run?.points.at(-1)?.[1];
    return { page, mcid, text: run?.text ?? "", ...(first !== undefined && last !== undefined ? { y: [first, last] as [number, number] } : {}) };
  };
  const read = (object: PDFObject, ref: PDFRef | undefined, page: number | undefined): Element | Content | ObjectRef | undefined => {
    if (object instanceof PDFNumber) return page === undefined ? undefined : content(page, object.asNumber());
    if (!(object instanceof PDFDict)) return undefined;
    const type = object.get(name("Type"));
    if (type === name("MCR")) {
      const on = pageIndex.get(String(object.get(name("Pg")) ?? "")) ?? page;
      const mcid = object.lookup(name("MCID"), PDFNumber).asNumber();
      return on === undefined ? undefined : content(on, mcid);
    }
    if (type === name("OBJR")) return { objr: object, annotation: object.get(name("Obj")) as PDFRef };
    const own = pageIndex.get(String(object.get(name("Pg")) ?? "")) ?? page;
    const k = object.get(name("K"));
    const resolved = k instanceof PDFRef ? context.lookup(k) : k;
    const kidRefs = resolved instanceof PDFArray ? resolved.asArray() : k === undefined ? [] : [k];
    const kids = kidRefs.flatMap((kid) => {
      const read_ = read(kid instanceof PDFRef ? context.lookup(kid)! : kid, kid instanceof PDFRef ? kid : undefined, own);
      return read_ ? [read_] : [];
    });
    return { type: typeOf(object), kids, dict: object, ref };
  };
  const kids = root.get(name("K"));
  const top = kids instanceof PDFRef ? context.lookup(kids) : kids;
  const list = top instanceof PDFArray ? top.asArray() : top ? [kids!] : [];
  const elements = list.flatMap((kid) => {
    const element = read(kid instanceof PDFRef ? context.lookup(kid)! : kid, kid instanceof PDFRef ? kid : undefined, undefined);
    return element && isElement(element) ? [element] : [];
  });
  return { type: "", kids: elements };
}

export function removeContent(element: Element, drop: (content: Content) => boolean): void {
  element.kids = element.kids.filter((kid) => !(isContent(kid) && drop(kid)));
  for (const kid of element.kids) if (isElement(kid)) removeContent(kid, drop);
}

export function pruneEmpty(element: Element): void {
  for (const kid of element.kids) if (isElement(kid)) pruneEmpty(kid);
  element.kids = element.kids.filter((kid) => !isElement(kid) || kid.kids.length);
}

const grouping = new Set(["", "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Note"]);
const inline = new Set(["Link", "Span", "Em", "Strong", "Reference", "Quote", "Code"]);
/** Text directly, or through inline elements and run wrappers (a NonStruct holding marked content). */
const holdsText = (element: Element) =>
  element.kids.some((kid) => isContent(kid) || (isElement(kid) && (inline.has(kid.type) || (kid.type === "NonStruct" && kid.kids.some(isContent)))));

/**
 * Text a NonStruct holds directly where only blocks belong (a title page's
 * lines, a list item Chromium left untagged) is a paragraph; inside a block
 * (a paragraph's run of text) the wrapper just goes. `nearest` is the closest
 * ancestor that is not NonStruct.
 */
export function looseTextAsParagraphs(element: Element, nearest = element.type): void {
  for (const kid of element.kids) {
    if (!isElement(kid)) continue;
    if (kid.type === "NonStruct" && element.type === "L") kid.type = "LI";
    else if (kid.type === "NonStruct" && grouping.has(nearest) && holdsText(kid)) kid.type = "P";
    looseTextAsParagraphs(kid, kid.type === "NonStruct" ? nearest : kid.type);
  }
}

/** NonStruct has no meaning (ISO 32000-1, 14.8.4.2): its kids stand in its parent. */
export function flattenNonStruct(element: Element): number {
  let count = 0;
  for (const kid of element.kids) if (isElement(kid)) count += flattenNonStruct(kid);
  element.kids = element.kids.flatMap((kid) => {
    if (isElement(kid) && (kid.type === "NonStruct" || kid.type === "Span" && !kid.dict?.has(name("ActualText")) && kid.kids.every((inner) => !isElement(inner)))) {
      count++;
      return kid.kids;
    }
    return [kid];
  });
  return count;
}

/** A list item as Lbl and LBody: a term and its definition (a definition list tagged as a list), or the marker and the rest. */
function listItems(element: Element, make: (type: string, kids: Element["kids"]) => Element): void {
  for (const kid of element.kids) if (isElement(kid)) listItems(kid, make);
  if (element.type !== "LI" || element.kids.some((kid) => isElement(kid) && kid.type === "LBody")) return;
  const label = element.kids.findIndex((kid) => isElement(kid) && kid.type === "Lbl");
  if (label === -1 && element.kids.length === 2 && element.kids.every((kid) => isElement(kid) && kid.type === "NonStruct")) {
    (element.kids[0] as Element).type = "Lbl";
    element.kids = [element.kids[0]!, make("LBody", [element.kids[1]!])];
    return;
  }
  const labels = label === -1 ? [] : [element.kids[label]!];
  const rest = element.kids.filter((_, index) => index !== label);
  element.kids = [...labels, ...(rest.length ? [make("LBody", rest)] : [])];
}

/** Every element with its parent, in document order. */
export function* withParents(element: Element): Generator<[Element, Element]> {
  for (const kid of element.kids) {
    if (!isElement(kid)) continue;
    yield [kid, element];
    yield* withParents(kid);
  }
}

const holds = (element: Element, inner: Element): boolean => element === inner || element.kids.some((kid) => isElement(kid) && holds(kid, inner));

/**
 * Paged.js sets a note at the page foot as a list item outside any list:
 * each becomes a Note with an ID, moved after its call (the run on the same
 * page, before it, whose text is the note's label), which becomes a
 * Reference. Runs after the NonStruct wrappers are gone, so a call is a
 * marked-content run of its paragraph.
 */
function footnotes(tree: Element): number {
  const notes: { note: Element; parent: Element; label: string; page: number }[] = [];
  const calls: { call: Content; parent: Element; order: number }[] = [];
  let order = 0;
  const walk = (element: Element) => {
    for (const kid of element.kids) {
      order++;
      if (isContent(kid) && /^\s*[^\s.,;:]{1,4}\s*$/.test(kid.text)) calls.push({ call: kid, parent: element, order });
      if (!isElement(kid)) continue;
      const page = firstContent(kid)?.page;
      const label = kid.type === "LI" && element.type !== "L" ? /^\s*([^\s.]{1,4})\.?\s/.exec(textOf(kid) + " ")?.[1] : undefined;
      if (label && page !== undefined) {
        // The list item's label and body are the note's content (before its calls are recorded with their parent).
        kid.kids = kid.kids.flatMap((inner) => (isElement(inner) && (inner.type === "LBody" || inner.type === "Lbl") ? inner.kids : [inner]));
        notes.push({ note: kid, parent: element, label, page });
      }
      // A note may call notes of its own (print sets them after it, on the same page).
      walk(kid);
    }
  };
  walk(tree);
  let moved = 0;
  for (const [index, { note, parent, label, page }] of notes.entries()) {
    // Never a run inside the note itself (its own label), which would hang the note inside itself.
    const at = calls.findIndex((call) => call.call.page === page && call.call.text.trim() === label && !holds(note, call.parent));
    if (at === -1) continue;
    const [{ call, parent: callParent }] = calls.splice(at, 1) as [(typeof calls)[0]];
    parent.kids.splice(parent.kids.indexOf(note), 1);
    note.type = "Note";
    note.id = `note-p${page + 1}-${label}-${index}`;
    const where = callParent.kids.indexOf(call);
    callParent.kids.splice(where, 1, { type: "Reference", kids: [call] }, note);
    moved++;
  }
  return moved;
}

const joinable = new Set(["P", "BlockQuote", "L", "LI", "LBody", "Note"]);
const ends = /[.!?:;…”’"')\]]\s*$/;

/**
 * Two siblings a page break made of one: the same type, the first ending on
 * the page before the second starts, and the text's own evidence (a list
 * item continued has no label; a paragraph continued ends mid-sentence or
 * goes on in lower case; two lists side by side are one).
 */
export function continues(a: Element, b: Element): boolean {
  if (a.type !== b.type || !joinable.has(a.type)) return false;
  const end = lastContent(a)?.page;
  const start = firstContent(b)?.page;
  if (end === undefined || start === undefined || start !== end + 1) return false;
  const lastKid = a.kids.at(-1);
  const firstKid = b.kids[0];
  switch (a.type) {
    case "LI":
      return !b.kids.some((kid) => isElement(kid) && kid.type === "Lbl");
    case "LBody":
      return true;
    case "L":
      // Two lists side by side with nothing between, one ending where the next page starts: one list the break cut.
      return true;
    case "P":
    case "Note": {
      const before = textOf(a, true).trimEnd();
      const after = textOf(b, true).trimStart();
      return !ends.test(before) || /^\p{Ll}/u.test(after);
    }
    default:
      return !!lastKid && !!firstKid && isElement(lastKid) && isElement(firstKid) && continues(lastKid, firstKid);
  }
}

/** Whether `a` and `b` are the two parts of one block a page break cut; `inside`: they are the last and first kids of two such parts. */
export type SplitTest = (a: Element, b: Element, inside: boolean) => boolean;

function join(a: Element, b: Element, test: SplitTest): void {
  const last = a.kids.at(-1);
  const first = b.kids[0];
  a.kids.push(...b.kids);
  b.kids = [];
  if (last && first && isElement(last) && isElement(first) && test(last, first, true)) {
    join(last, first, test);
    a.kids.splice(a.kids.indexOf(first), 1);
  }
}

function joinSplits(element: Element, test: SplitTest): number {
  let count = 0;
  for (let i = 0; i + 1 < element.kids.length; i++) {
    const a = element.kids[i]!;
    const b = element.kids[i + 1]!;
    if (isElement(a) && isElement(b) && test(a, b, false)) {
      join(a, b, test);
      element.kids.splice(i + 1, 1);
      count++;
      i--;
    }
  }
  for (const kid of element.kids) if (isElement(kid)) count += joinSplits(kid, test);
  return count;
}

/** The text's own evidence (`continues`), for a PDF made without the record of Paged.js' cuts. */
const byText: SplitTest = (a, b) => continues(a, b);

/** The words compared with the record: letters and digits, the notes set inside a paragraph left out. */
export const splitLetters = (element: Element) => letters(textOf(element, "notes"));

/** Whether `a` ends on the page where the record's first part ends and `b` starts on the next, with its words. */
function matchesRecord(split: PageSplit, a: Element, b: Element): boolean {
  if (structureTypeOf(split) !== a.type) return false;
  if (lastContent(a)?.page !== split.page || firstContent(b)?.page !== split.page + 1) return false;
  return splitLetters(a).endsWith(endOf(split)) && splitLetters(b).startsWith(startOf(split));
}

/**
 * Join exactly the cuts Paged.js recorded: first siblings (a block and its
 * continuation, and inside them their last and first kids), then the rest
 * wherever they stand (a footnote's continuation at the next page's foot,
 * its first part moved after its call). Returns the records joined.
 */
function joinRecorded(tree: Element, splits: PageSplit[]): number {
  const open = new Set(splits.filter((split) => structureTypeOf(split)));
  const test: SplitTest = (a, b, inside) => {
    if (a.type !== b.type) return false;
    const end = lastContent(a)?.page;
    if (end === undefined || firstContent(b)?.page !== end + 1) return false;
    // A list body the post-pass made around a cut item's content is cut where the item is.
    if (inside && a.type === "LBody") return true;
    for (const split of open) {
      if (split.page !== end || !matchesRecord(split, a, b)) continue;
      open.delete(split);
      return true;
    }
    return false;
  };
  joinSplits(tree, test);
  for (const split of [...open]) {
    const type = structureTypeOf(split);
    const all = [...withParents(tree)];
    const first = all.find(([element]) => element.type === type && lastContent(element)?.page === split.page && splitLetters(element).endsWith(endOf(split)));
    // A footnote's continuation has no label, so the post-pass left it a list item.
    const second = all.find(
      ([element]) => (element.type === type || (type === "Note" && element.type === "LI")) && element !== first?.[0] && firstContent(element)?.page === split.page + 1 && splitLetters(element).startsWith(startOf(split)),
    );
    if (!first || !second) continue;
    second[0].type = type!;
    join(first[0], second[0], test);
    second[1].kids.splice(second[1].kids.indexOf(second[0]), 1);
    open.delete(split);
  }
  return splits.filter((split) => structureTypeOf(split)).length - open.size;
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 builds on. */
export const standardTypes = new Set(
  ("Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody " +
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form").split(" "),
);
/** PDF 2.0 types Chromium writes, and the PDF 1.7 type each stands for. */
const roleMappings: Record<string, string> = { Em: "Span", Strong: "Span", Title: "H1", FENote: "Note", Aside: "Div", Sub: "Span" };

/** Write the tree back: every element's /K, /P and /Pg, a new ParentTree and IDTree; dropped elements leave the file. */
function writeTree(doc: PDFDocument, tree: Element, dropped: PDFRef[]): void {
  const { context } = doc;
  const root = doc.catalog.lookup(name("StructTreeRoot"), PDFDict);
  const pages = doc.getPages();
  const pageKeys = pages.map((page) => page.node.get(name("StructParents")));
  const parentArrays = new Map<number, (PDFRef | undefined)[]>();
  const annotationParents = new Map<string, { key: number; ref: PDFRef }>();
  const ids: [string, PDFRef][] = [];
  const write = (element: Element, parent: PDFRef): PDFRef => {
    const ref = element.ref ?? context.nextRef();
    const dict = element.dict ?? context.obj({});
    if (!element.ref) context.assign(ref, dict);
    element.ref = ref;
    element.dict = dict;
    dict.set(name("Type"), name("StructElem"));
    dict.set(name("S"), name(element.type));
    dict.set(name("P"), parent);
    const firstPage = element.kids.find(isContent)?.page;
    if (firstPage !== undefined) dict.set(name("Pg"), pages[firstPage]!.ref);
    else dict.delete(name("Pg"));
    if (element.id) {
      dict.set(name("ID"), PDFString.of(element.id));
      ids.push([element.id, ref]);
    }
    const kids = element.kids.map((kid) => {
      if (isElement(kid)) return write(kid, ref);
      if (isContent(kid)) {
        const key = pageKeys[kid.page];
        if (key instanceof PDFNumber) {
          const array = parentArrays.get(key.asNumber()) ?? [];
          array[kid.mcid] = ref;
          parentArrays.set(key.asNumber(), array);
        }
        return kid.page === firstPage ? context.obj(kid.mcid) : context.obj({ Type: "MCR", Pg: pages[kid.page]!.ref, MCID: kid.mcid });
      }
      kid.objr.set(name("Pg"), kid.objr.get(name("Pg")) ?? pages[0]!.ref);
      const annotation = context.lookup(kid.annotation, PDFDict);
      const key = annotation.get(name("StructParent"));
      if (key instanceof PDFNumber) annotationParents.set(kid.annotation.toString(), { key: key.asNumber(), ref });
      return kid.objr;
    });
    dict.set(name("K"), context.obj(kids));
    return ref;
  };
  const rootRef = context.getObjectRef(root)!;
  const top = tree.kids.filter(isElement).map((element) => write(element, rootRef));
  root.set(name("K"), top.length === 1 ? top[0]! : context.obj(top));
  const nums: PDFObject[] = [];
  const entries: [number, PDFObject][] = [
    ...[...parentArrays].map(([key, array]): [number, PDFObject] => [key, context.obj([...array].map((ref) => ref ?? null))]),
    ...[...annotationParents.values()].map(({ key, ref }): [number, PDFObject] => [key, ref]),
  ];
  for (const [key, value] of entries.sort((a, b) => a[0] - b[0])) nums.push(PDFNumber.of(key), value instanceof PDFRef ? value : context.register(value));
  root.set(name("ParentTree"), context.register(context.obj({ Nums: nums })));
  // Types PDF 1.7 does not define (Chromium writes PDF 2.0's Em and Strong) are mapped to a standard one (PDF/UA-1 7.1).
  const used = new Set<string>();
  const collect = (element: Element) => {
    if (element.type) used.add(element.type);
    element.kids.filter(isElement).forEach(collect);
  };
  collect(tree);
  const roleMap = root.lookupMaybe(name("RoleMap"), PDFDict) ?? context.obj({});
  for (const type of used) if (!standardTypes.has(type) && !roleMap.has(name(type))) roleMap.set(name(type), name(roleMappings[type] ?? "Span"));
  if (roleMap.keys().length) root.set(name("RoleMap"), roleMap);
  if (ids.length) {
    ids.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    root.set(name("IDTree"), context.register(context.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) })));
  }
  const kept = new Set<string>();
  const mark = (element: Element) => {
    if (element.ref) kept.add(element.ref.toString());
    element.kids.filter(isElement).forEach(mark);
  };
  mark(tree);
  for (const ref of dropped) if (!kept.has(ref.toString())) context.delete(ref);
}

function allRefs(element: Element, into: PDFRef[] = []): PDFRef[] {
  if (element.ref) into.push(element.ref);
  for (const kid of element.kids) if (isElement(kid)) allRefs(kid, into);
  return into;
}

/** Mark furniture and unmarked paint as artifacts in the content streams; returns each page's content, read after the edit. */
function markArtifacts(doc: PDFDocument, bands: FurnitureBands, figures: StructureFigures): { contents: PageContent[]; furniture: Set<string>; loose: LooseText[] } {
  const furniture = new Set<string>();
  const loose: LooseText[] = [];
  const tagged = doc.catalog.has(name("StructTreeRoot"));
  const contents = doc.getPages().map((page, index) => {
    const content = readPageContent(pageSource(page), pageFonts(page));
    const { top, bottom } = bands(page);
    const box = page.getMediaBox();
    const pageTop = box.y + box.height;
    const edits: { at: number; end: number; text: string }[] = [];
    for (const run of content.runs) {
      if (run.mcid === undefined) continue;
      const inBand = run.points.length > 0 && run.points.every(([, y]) => pageTop - y < top || pageTop - y > bottom);
      // A tagged run that draws no text is a rule or a box edge (the footnote rule, a list's bullet): layout, not content.
      const drawsNothing = !run.points.length && !content.operations.slice(run.open, run.close).some((operation) => operation.operator === "Do" || operation.operator === "BI");
      if (!inBand && !drawsNothing) continue;
      const operation = content.operations[run.open]!;
      const subtype = pageTop - (run.points[0]?.[1] ?? pageTop) < top ? "/Subtype /Header " : inBand ? "/Subtype /Footer " : "";
      edits.push({ at: operation.start, end: operation.end, text: inBand ? `/Artifact <</Type /Pagination ${subtype}>> BDC` : "/Artifact <</Type /Layout >> BDC" });
      furniture.add(`${index}:${run.mcid}`);
      if (inBand) figures.furniture++;
    }
    let nextMcid = Math.max(-1, ...content.runs.map((run) => run.mcid ?? -1)) + 1;
    for (const run of content.untagged) {
      const inBand = run.points.length > 0 && run.points.every(([, y]) => pageTop - y < top || pageTop - y > bottom);
      // Text Chromium left outside its tags (an opening bracket or quotation mark split off by `::first-letter`,
      // CSS generated punctuation) is read with the element whose text follows it; other paint is an artifact.
      const tag = tagged && page.node.has(name("StructParents")) && run.text.trim() && !inBand ? nextMcid++ : undefined;
      edits.push({ at: content.operations[run.first]!.start, end: content.operations[run.first]!.start, text: tag === undefined ? "/Artifact BMC\n" : `/Span <</MCID ${tag}>> BDC\n` });
      edits.push({ at: content.operations[run.last]!.end, end: content.operations[run.last]!.end, text: "\nEMC" });
      if (tag === undefined) {
        figures.untagged++;
        continue;
      }
      const held = (candidate: MarkedRun) => candidate.mcid !== undefined && !furniture.has(`${index}:${candidate.mcid}`);
      const beside = content.runs.find((candidate) => candidate.open > run.last && held(candidate)) ?? content.runs.findLast((candidate) => candidate.close < run.first && held(candidate));
      const first = run.points[0]?.[1];
      const last = run.points.at(-1)?.[1];
      loose.push({
        content: { page: index, mcid: tag, text: run.text, ...(first !== undefined && last !== undefined ? { y: [first, last] as [number, number] } : {}) },
        ...(beside ? { beside: beside.mcid!, before: beside.open > run.last } : {}),
      });
      figures.generated++;
    }
    if (!edits.length) return content;
    edits.sort((a, b) => a.at - b.at || a.end - b.end);
    let source = "";
    let from = 0;
    for (const edit of edits) {
      source += content.source.slice(from, edit.at) + edit.text;
      from = edit.end;
    }
    source += content.source.slice(from);
    // The old streams leave the file; the new one is deflated natively (pdf-lib's own deflate is JavaScript, several times slower).
    const old = page.node.get(name("Contents"));
    const oldRefs = old instanceof PDFRef ? [old, ...(doc.context.lookup(old) instanceof PDFArray ? doc.context.lookup(old, PDFArray).asArray() : [])] : old instanceof PDFArray ? old.asArray() : [];
    for (const ref of oldRefs) if (ref instanceof PDFRef) doc.context.delete(ref);
    const stream = doc.context.stream(deflateSync(Buffer.from(source, "latin1")), { Filter: "FlateDecode" });
    page.node.set(name("Contents"), doc.context.register(stream));
    // The edits change which runs are artifacts, not what any run says: the tree reads the text as first read.
    return content;
  });
  return { contents, furniture, loose };
}

/** Text the post-pass tagged: to stand before (or after) the tagged run `beside` on its page. */
interface LooseText {
  content: Content;
  beside?: number;
  before?: boolean;
}

/** Put newly tagged text in the element that holds the run beside it; with none, at the end of the page's last element. */
function placeLoose(tree: Element, loose: LooseText[]): void {
  if (!loose.length) return;
  const holders = new Map<string, Element>();
  const lastOnPage = new Map<number, Element>();
  const visit = (element: Element) => {
    for (const kid of element.kids) {
      if (isElement(kid)) visit(kid);
      else if (isContent(kid)) {
        holders.set(`${kid.page}:${kid.mcid}`, element);
        lastOnPage.set(kid.page, element);
      }
    }
  };
  visit(tree);
  for (const { content, beside, before } of loose) {
    const holder = beside === undefined ? undefined : holders.get(`${content.page}:${beside}`);
    if (holder) {
      const at = holder.kids.findIndex((kid) => isContent(kid) && kid.page === content.page && kid.mcid === beside);
      holder.kids.splice(before ? at : at + 1, 0, content);
    } else (lastOnPage.get(content.page) ?? (tree.kids.find(isElement) as Element | undefined) ?? tree).kids.push(content);
  }
}

/** The page each named destination opens. */
function destinationPages(doc: PDFDocument): Map<string, number> {
  const pages = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(name("Dests"), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) {
    const array = doc.context.lookup(value);
    const target = array instanceof PDFArray ? array.get(0) : array instanceof PDFDict ? doc.context.lookup(array.get(name("D")), PDFArray)?.get(0) : undefined;
    if (target instanceof PDFRef && pages.has(target.toString())) out.set(key.decodeText(), pages.get(target.toString())!);
  }
  return out;
}

/** The folio printed on each page (the footer artifact), and for a page with none (an opening page) its neighbour's less one. */
function folios(contents: PageContent[], furniture: Set<string>): string[] {
  const found = contents.map((content, index) => {
    const run = content.runs.find((candidate) => candidate.mcid !== undefined && furniture.has(`${index}:${candidate.mcid}`) && /^\s*([0-9]+|[ivxlcdm]+)\s*$/.test(candidate.text));
    return run?.text.trim();
  });
  return found.map((folio, index) => {
    if (folio) return folio;
    const next = found.slice(index + 1).findIndex((candidate) => candidate && /^\d+$/.test(candidate));
    if (next === -1) return String(index + 1);
    const value = Number(found[index + 1 + next]) - (next + 1);
    return value > 0 ? String(value) : String(index + 1);
  });
}

const pageLike = /^(?:p\.\s*)?[0-9ivxlcdm]+(?:\s*[–-]\s*[0-9ivxlcdm]+)?$/i;

/** /Contents for every link: its own words and the page it opens, or the page alone when its words are a page number. */
function describeLinks(doc: PDFDocument, tree: Element, pageFolios: string[]): number {
  const targets = destinationPages(doc);
  let count = 0;
  for (const [element] of withParents(tree)) {
    if (element.type !== "Link") continue;
    let words = textOf(element).replace(/\s+/g, " ").trim();
    for (const kid of element.kids) {
      if (isElement(kid) || isContent(kid)) continue;
      const annotation = doc.context.lookup(kid.annotation, PDFDict);
      const dest = annotation.get(name("Dest"));
      const action = annotation.lookupMaybe(name("A"), PDFDict);
      const uri = action?.lookupMaybe(name("URI"), PDFString);
      const explicit = dest instanceof PDFArray ? dest.get(0) : undefined;
      const page =
        dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString
          ? targets.get(dest.decodeText())
          : explicit instanceof PDFRef
            ? doc.getPages().findIndex((candidate) => candidate.ref === explicit)
            : undefined;
      const folio = page === undefined ? undefined : pageFolios[page];
      // A contents entry's words end with the page number it shows.
      if (folio && !pageLike.test(words)) words = words.replace(new RegExp(`\\s*${folio}$`), "");
      const contents = uri
        ? `${words ? `${words}: ` : ""}${uri.decodeText()}`
        : pageLike.test(words)
          ? `page ${words.replace(/^p\.\s*/i, "")}`
          : folio
            ? `${words}, page ${folio}`
            : words;
      if (!contents) continue;
      annotation.set(name("Contents"), PDFHexString.fromText(contents));
      count++;
    }
  }
  return count;
}

/**
 * The post-pass over a tagged PDF (before the profiles are cut): artifacts,
 * a tree a reader can follow, described links. Returns what it changed.
 */
export function structureForReaders(doc: PDFDocument, bands: FurnitureBands, splits?: PageSplit[]): StructureFigures {
  const figures: StructureFigures = { furniture: 0, untagged: 0, generated: 0, nonStruct: 0, notes: 0, joined: 0, links: 0 };
  const { contents, furniture, loose } = markArtifacts(doc, bands, figures);
  const tree = readTree(doc, contents);
  if (!tree) return figures;
  placeLoose(tree, loose);
  const before = allRefs(tree);
  removeContent(tree, (content) => furniture.has(`${content.page}:${content.mcid}`));
  pruneEmpty(tree);
  looseTextAsParagraphs(tree);
  listItems(tree, (type, kids) => ({ type, kids }));
  figures.nonStruct = flattenNonStruct(tree);
  figures.notes = footnotes(tree);
  pruneEmpty(tree);
  if (splits) {
    figures.joined = joinRecorded(tree, splits);
    figures.recorded = splits.length;
  } else figures.joined = joinSplits(tree, byText);
  figures.links = describeLinks(doc, tree, folios(contents, furniture));
  writeTree(doc, tree, before);
  return figures;
}

/** The print profile has no link annotations: its Link elements become Span, without their object references. */
export function dropLinkStructure(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(name("StructTreeRoot"), PDFDict);
  if (!root) return;
  const { context } = doc;
  const visit = (ref: PDFObject) => {
    const dict = ref instanceof PDFRef ? context.lookup(ref) : ref;
    if (!(dict instanceof PDFDict) || dict.get(name("Type")) === name("MCR")) return;
    const k = dict.get(name("K"));
    const kids = k instanceof PDFArray ? k : k instanceof PDFRef && context.lookup(k) instanceof PDFArray ? context.lookup(k, PDFArray) : undefined;
    if (dict.get(name("S")) === name("Link")) dict.set(name("S"), name("Span"));
    if (!kids) {
      if (k) visit(k);
      return;
    }
    const kept = kids.asArray().filter((kid) => {
      const object = kid instanceof PDFRef ? context.lookup(kid) : kid;
      return !(object instanceof PDFDict && object.get(name("Type")) === name("OBJR"));
    });
    dict.set(name("K"), context.obj(kept));
    kept.forEach(visit);
  };
  visit(root.get(name("K"))!);
  // The ParentTree's entries for the annotations went with them.
  const tree = root.lookupMaybe(name("ParentTree"), PDFDict);
  const nums = tree?.lookupMaybe(name("Nums"), PDFArray);
  if (!tree || !nums) return;
  const pageKeys = new Set(doc.getPages().map((page) => String(page.node.get(name("StructParents")))));
  const kept: PDFObject[] = [];
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    if (!pageKeys.has(String(nums.get(i)))) continue;
    kept.push(nums.get(i), nums.get(i + 1));
  }
  tree.set(name("Nums"), context.obj(kept));
}
