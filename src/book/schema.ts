// The contract between stages: the class names and roles that one stage
// writes and another reads (restore writes notes, the back matter writes page
// references, the renderers and the styles read both). Every stage imports
// these names from here, so no stage reaches into another's module for them.

import type { Element } from "hast";

/** `node` carries class `name`: how a stage reads the classes above. */
export const hasClass = (node: Element, name: string): boolean => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** Classes of the notes (restore/notes-hast.ts writes them; print moves called notes to the page foot). */
export const noteClasses = { section: "notes", list: "note-list", note: "note", call: "noteref", label: "note-label" } as const;

/** Page references of the back matter, filled with print page numbers (browser/page-map.js in print, epub-page-refs in the EPUB). */
export const pageRefClasses = {
  /** A group of page references that is written as one list of folios. */
  list: "page-ref-list",
  /** One page reference: a link whose text becomes the folio of its target. */
  ref: "page-ref",
  /** The words around a page reference (`, p.\u00a0N`) that go with it when there are no page numbers. */
  phrase: "page-ref-phrase",
} as const;

/** Print-only classes that ../render/browser/page-map.js reads in Paged.js. */
export const printClasses = {
  /** The element where arabic page numbering starts at 1. */
  bodyStart: "body-start",
  /** The contents' page-number slots, filled in after layout. */
  contentsPage: "contents-page",
  /** A line's last word written with a hyphen (`fifty-six.`), kept whole: no line may end at its hyphen. */
  keepWhole: "keep-whole",
} as const;

/** Classes every division carries, and the part it belongs to. */
export const divisionClasses = { division: "division", front: "front-matter", text: "text", back: "back-matter" } as const;

/** `epub:type` → DPUB-ARIA role, for the semantics that have one (deprecated roles left out). */
export const roleOfType: Readonly<Record<string, string>> = {
  abstract: "doc-abstract",
  acknowledgments: "doc-acknowledgments",
  afterword: "doc-afterword",
  appendix: "doc-appendix",
  backlink: "doc-backlink",
  bibliography: "doc-bibliography",
  chapter: "doc-chapter",
  colophon: "doc-colophon",
  conclusion: "doc-conclusion",
  credits: "doc-credits",
  dedication: "doc-dedication",
  endnotes: "doc-endnotes",
  epigraph: "doc-epigraph",
  epilogue: "doc-epilogue",
  errata: "doc-errata",
  footnote: "doc-footnote",
  foreword: "doc-foreword",
  glossary: "doc-glossary",
  index: "doc-index",
  introduction: "doc-introduction",
  noteref: "doc-noteref",
  pagebreak: "doc-pagebreak",
  part: "doc-part",
  preface: "doc-preface",
  prologue: "doc-prologue",
  pullquote: "doc-pullquote",
  subtitle: "doc-subtitle",
  toc: "doc-toc",
};

/** DPUB-ARIA role → `epub:type`. */
export const typeOfRole: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(roleOfType).map(([type, role]) => [role, type]));

/** The semantics a back-matter division carries, by its slot. */
export const backMatterSemantics = {
  chronology: { "epub:type": "appendix", role: "doc-appendix" },
  bibliography: { "epub:type": "bibliography", role: "doc-bibliography" },
  editorialNote: { "epub:type": "afterword", role: "doc-afterword" },
  index: { "epub:type": "index", role: "doc-index" },
} as const;

/**
 * A book's division headings (restore/headings.ts writes them; the renderers
 * read them to split and nest a long text): the heading's class by kind, and
 * the data attribute holding its number's value (`data-chapter="18"` for
 * `CHAPTER XVIII`); `data-label` keeps the number as the text writes it.
 */
export const divisionHeadingClasses = {
  volume: "volume-heading",
  book: "book-heading",
  part: "part-heading",
  chapter: "chapter-heading",
} as const;
