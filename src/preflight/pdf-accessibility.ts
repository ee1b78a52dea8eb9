// What a screen reader meets in the PDF, counted: our own checks, written
// against the PDF/UA-1 rules as veraPDF lists them (no PDF/UA validator
// installs here, so conformance is not claimed). Each count should be 0.
import { PDFArray, PDFBool, PDFDict, PDFName, PDFString, PDFHexString, type PDFDocument } from "pdf-lib";
import type { Manifest } from "../manifest/manifest-schema.js";
import { pageFonts, pageSource, readPageContent, type PageContent } from "../render/pdf-content.js";
import { furnitureBands } from "../render/pdf-readers.js";
import { continues, firstContent, standardTypes, flattenNonStruct, isElement, lastContent, pruneEmpty, readTree, removeContent, splitLetters, textOf, withParents, type Element } from "../render/pdf-structure.js";
import { endOf, readSplitRecord, startOf, structureTypeOf, type PageSplit } from "../render/pdf-splits.js";
import { readXmp } from "../render/pdf-xmp.js";

export interface AccessibilityCounts {
  /** Paint outside any marked content, and marked content neither tagged (an MCID) nor an artifact (PDF/UA-1 7.1-3). */
  untaggedRuns: number;
  /** Text a reader never hears: shown in an artifact or outside any marked content, away from the running heads' and folios' margins. */
  textOutsideTags: number;
  /** Tagged content standing where running heads and folios stand (should be /Artifact /Pagination). */
  furnitureTagged: number;
  /** Pairs of elements a page break made of one paragraph, quotation or list item. */
  splitElements: number;
  /** List items outside a list: how Chromium tags Paged.js' footnotes. */
  notesAsListItems: number;
  /** Note elements with no ID (PDF/UA-1 7.9). */
  notesWithoutId: number;
  /** List items whose kids are not Lbl or LBody (PDF/UA-1 7.6). */
  listItemsWithoutBody: number;
  /** Tagged content (an MCID) no structure element holds: a reader never reaches it. */
  contentOutsideTree: number;
  /** NonStruct elements. */
  nonStruct: number;
  /** Elements of a type PDF 1.7 does not define and the RoleMap does not map to one (PDF/UA-1 7.1). */
  unmappedTypes: number;
  /** Link annotations without /Contents (PDF/UA-1 7.18.5). */
  linksWithoutContents: number;
  /** Object references to annotations no page holds. */
  danglingLinks: number;
  /** XMP fields missing: dc:title, dc:creator, dc:language, pdfuaid:part 1. */
  xmpMissing: number;
  /** DisplayDocTitle not true, or /Lang not set (PDF/UA-1 7.1-10, 7.2). */
  viewerMissing: number;
}

export interface AccessibilityReport {
  counts: AccessibilityCounts;
  /** Which XMP fields are missing, and other detail for the report. */
  details: string[];
  /** How split elements were counted: against the record of Paged.js' cuts the file carries, or from the text. */
  splitsTold: string;
}

/** Every page's content, read once. */
export function readContents(doc: PDFDocument): PageContent[] {
  return doc.getPages().map((page) => readPageContent(pageSource(page), pageFonts(page)));
}

/** Pairs of siblings the text says a page break made of one (the fallback without a record). */
function splitsByText(tree: Element): number {
  let count = 0;
  const visit = (element: Element) => {
    element.kids.forEach((kid, index) => {
      // Footnotes (list items outside a list) stand between a page's last paragraph and the next page's first.
      let after = index + 1;
      while (element.type !== "L" && (element.kids[after] as Element | undefined)?.type === "LI") after++;
      const next = element.kids[after];
      if (isElement(kid) && next && isElement(next) && continues(kid, next)) count++;
      if (isElement(kid)) visit(kid);
    });
  };
  visit(tree);
  return count;
}

/**
 * The recorded cuts no one element holds: for each, an element of its type
 * must stand on both pages with the words before the break followed by the
 * words after it.
 */
export function unjoinedSplits(tree: Element, record: PageSplit[]): number {
  const spanning = new Map<string, string[]>();
  const types = new Set(record.map(structureTypeOf));
  for (const [element] of withParents(tree)) {
    if (!types.has(element.type)) continue;
    const first = firstContent(element)?.page;
    const last = lastContent(element)?.page;
    if (first === undefined || last === undefined || first === last) continue;
    for (let page = first; page < last; page++) {
      const key = `${element.type}:${page}`;
      spanning.set(key, [...(spanning.get(key) ?? []), splitLetters(element)]);
    }
  }
  return record.filter((split) => {
    const type = structureTypeOf(split);
    if (!type) return false;
    const junction = endOf(split) + startOf(split);
    return !(spanning.get(`${type}:${split.page}`) ?? []).some((words) => words.includes(junction));
  }).length;
}

export function checkAccessibility(doc: PDFDocument, manifest: Manifest, contents: PageContent[] = readContents(doc)): AccessibilityReport {
  const details: string[] = [];
  const bands = furnitureBands(manifest);
  let untaggedRuns = 0;
  let furnitureTagged = 0;
  let textOutsideTags = 0;
  const furniture = new Set<string>();
  doc.getPages().forEach((page, index) => {
    const content = contents[index]!;
    const { top, bottom } = bands(page);
    const box = page.getMediaBox();
    const pageTop = box.y + box.height;
    untaggedRuns += content.untagged.length + content.runs.filter((run) => !run.artifact && run.mcid === undefined).length;
    const inBand = (points: [number, number][]) => points.length > 0 && points.every(([, y]) => pageTop - y < top || pageTop - y > bottom);
    for (const run of [...content.untagged, ...content.runs.filter((run) => run.artifact)]) if (run.text.trim() && !inBand(run.points)) textOutsideTags++;
    for (const run of content.runs) {
      if (run.mcid === undefined || !inBand(run.points)) continue;
      furnitureTagged++;
      furniture.add(`${index}:${run.mcid}`);
    }
  });

  const tree = readTree(doc, contents);
  const record = readSplitRecord(doc);
  let splitsTold = "no structure tree";
  let nonStruct = 0;
  let unmappedTypes = 0;
  let splitElements = 0;
  let notesAsListItems = 0;
  let notesWithoutId = 0;
  let listItemsWithoutBody = 0;
  if (tree) {
    for (const [element] of withParents(tree)) if (element.type === "NonStruct") nonStruct++;
    const roleMap = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict)?.lookupMaybe(PDFName.of("RoleMap"), PDFDict);
    const mapped = (type: string) => {
      const to = roleMap?.get(PDFName.of(type));
      return to instanceof PDFName && standardTypes.has(to.decodeText());
    };
    const unmapped = new Set<string>();
    for (const [element] of withParents(tree)) {
      if (standardTypes.has(element.type) || mapped(element.type)) continue;
      unmappedTypes++;
      unmapped.add(element.type);
    }
    if (unmapped.size) details.push(`structure types neither standard nor role-mapped: ${[...unmapped].join(", ")}`);
    for (const [element] of withParents(tree)) if (element.type === "Note" && !element.dict?.has(PDFName.of("ID"))) notesWithoutId++;
    // The wrappers mean nothing: what they hold is read as if in their parent, so count on the tree without them.
    // Running heads and folios tagged as content stand between one page's last paragraph and the next page's first.
    removeContent(tree, (content) => furniture.has(`${content.page}:${content.mcid}`));
    pruneEmpty(tree);
    flattenNonStruct(tree);
    if (record) {
      splitElements = unjoinedSplits(tree, record);
      splitsTold = `split elements counted against the ${record.length} cuts Paged.js recorded (${record.length - splitElements} joined)`;
    } else {
      splitsTold = "no record of Paged.js' cuts in the file: split elements told from the text, which misses a cut at a sentence's end";
      splitElements = splitsByText(tree);
    }
    for (const [element, parent] of withParents(tree)) {
      if (element.type !== "LI") continue;
      if (parent.type !== "L") {
        notesAsListItems++;
        if (notesAsListItems <= 3) details.push(`a list item outside a list: “${textOf(element).slice(0, 50)}”`);
      } else if (element.kids.some((kid) => !isElement(kid) || (kid.type !== "Lbl" && kid.type !== "LBody"))) listItemsWithoutBody++;
    }
  }

  let linksWithoutContents = 0;
  const annotations = new Set<string>();
  for (const page of doc.getPages()) {
    for (const ref of page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? []) {
      annotations.add(ref.toString());
      const annotation = doc.context.lookup(ref, PDFDict);
      if (annotation.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      const contents_ = annotation.lookup(PDFName.of("Contents"));
      if (!(contents_ instanceof PDFString || contents_ instanceof PDFHexString) || !contents_.decodeText().trim()) linksWithoutContents++;
    }
  }
  let contentOutsideTree = 0;
  if (tree) {
    const held = new Set<string>();
    const visit = (element: Element) => {
      for (const kid of element.kids) {
        if (isElement(kid)) visit(kid);
        else if ("mcid" in kid) held.add(`${kid.page}:${kid.mcid}`);
      }
    };
    visit(tree);
    contents.forEach((content, index) => {
      contentOutsideTree += content.runs.filter((run) => run.mcid !== undefined && !furniture.has(`${index}:${run.mcid}`) && !held.has(`${index}:${run.mcid}`)).length;
    });
  }
  let danglingLinks = 0;
  if (tree) {
    const visit = (element: Element) => {
      for (const kid of element.kids) {
        if (isElement(kid)) visit(kid);
        else if ("objr" in kid && !annotations.has(kid.annotation.toString())) danglingLinks++;
      }
    };
    visit(tree);
  }

  const xmp = readXmp(doc) ?? "";
  const fields = {
    "dc:title": /<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+</.test(xmp),
    "dc:creator": /<dc:creator>[\s\S]*?<rdf:li[^>]*>[^<]+</.test(xmp),
    "dc:language": /<dc:language>[\s\S]*?<rdf:li[^>]*>[^<]+</.test(xmp),
    "pdfuaid:part": /<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp),
  };
  const missing = Object.entries(fields).filter(([, present]) => !present).map(([field]) => field);
  if (missing.length) details.push(`XMP lacks ${missing.join(", ")}`);
  const preferences = doc.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  const lang = doc.catalog.lookup(PDFName.of("Lang"));
  const viewer = [
    preferences?.get(PDFName.of("DisplayDocTitle")) === PDFBool.True ? undefined : "DisplayDocTitle is not true",
    lang instanceof PDFString || lang instanceof PDFHexString ? undefined : "/Lang is not set",
  ].filter((problem): problem is string => !!problem);
  details.push(...viewer);

  return {
    counts: {
      untaggedRuns,
      textOutsideTags,
      furnitureTagged,
      splitElements,
      notesAsListItems,
      notesWithoutId,
      listItemsWithoutBody,
      contentOutsideTree,
      nonStruct,
      unmappedTypes,
      linksWithoutContents,
      danglingLinks,
      xmpMissing: missing.length,
      viewerMissing: viewer.length,
    },
    details,
    splitsTold,
  };
}



const labels: Record<keyof AccessibilityCounts, string> = {
  untaggedRuns: "untagged content runs",
  textOutsideTags: "text runs outside the tags (artifacts or untagged, away from the margins)",
  furnitureTagged: "running heads and folios tagged as content",
  splitElements: "elements split by page breaks",
  notesAsListItems: "notes tagged as list items",
  notesWithoutId: "notes without an ID",
  listItemsWithoutBody: "list items without Lbl/LBody",
  contentOutsideTree: "tagged runs outside the structure tree",
  nonStruct: "NonStruct wrappers",
  unmappedTypes: "elements of a type neither standard nor role-mapped",
  linksWithoutContents: "links without /Contents",
  danglingLinks: "link tags whose annotation is gone",
  xmpMissing: "XMP fields missing",
  viewerMissing: "DisplayDocTitle or /Lang missing",
};

/** The preflight's accessibility section: every count, each a problem unless 0. */
export function accessibilitySection(doc: PDFDocument, manifest: Manifest): { problems: string[]; summary: string; counts: AccessibilityCounts } {
  const { counts, details, splitsTold } = checkAccessibility(doc, manifest);
  const entries = Object.entries(counts) as [keyof AccessibilityCounts, number][];
  const problems = entries.filter(([, count]) => count > 0).map(([key, count]) => `${count} ${labels[key]}`);
  if (problems.length) problems.push(...details, splitsTold);
  return {
    problems,
    counts,
    summary: `${entries.map(([key, count]) => `${labels[key]} ${count}`).join(", ")}; ${splitsTold} (our own checks after the PDF/UA-1 rules; conformance not claimed)`,
  };
}
