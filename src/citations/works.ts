// Cited works as CSL-JSON items, with ids that are the same for the same
// work in every text (so the bibliography lists it once).
import { personName, type ParsedCitation, type PersonName } from "./parse-citation.js";

/** The book a review is about, as its block at the head of the review gives it. */
export interface ReviewedWork {
  author?: string;
  title: string;
  publisher?: string;
  place?: string;
  year?: string;
  price?: string;
  pages?: string;
}

export interface CslName {
  family: string;
  given?: string;
  literal?: string;
}

/** The CSL-JSON fields this edition fills. */
export interface CslItem {
  id: string;
  /** `book`, `chapter`, or any CSL type an edition's works file gives. */
  type: string;
  author?: CslName[];
  editor?: CslName[];
  title?: string;
  "title-short"?: string;
  "container-title"?: string;
  volume?: string;
  publisher?: string;
  "publisher-place"?: string;
  edition?: string;
  issued?: { "date-parts": number[][] } | { literal: string };
  note?: string;
}

/** One citation in a note or in the text, resolved (or not) to a work. */
export interface CitationRecord {
  /** The note's label (`4`, `2*`), or undefined for a page reference in the text. */
  note?: string;
  /** Raw line of the note or reference. */
  line?: number;
  kind: ParsedCitation["kind"] | "page-reference";
  /** Where the citation stands: a note, a bracket or parenthesis in the running text, the head of a quoted source. */
  form?: "note" | "bracket" | "author-date" | "source" | "page-reference";
  /** Raw column of an in-text citation. */
  column?: number;
  /** The id of the link that is the citation in the book (the works cited's back-reference goes to it). */
  anchor?: string;
  prefix?: string;
  /** The work's id (`work-…`), when resolved. */
  work?: string;
  volume?: string;
  locator?: string;
}

declare module "vfile" {
  interface DataMap {
    /** The works this text cites, by id. */
    works: globalThis.Map<string, CslItem>;
    /** Every citation of the text, in reading order. */
    citations: CitationRecord[];
  }
}

/** Letters NFKD does not take apart (`Høidal`, `Łukasz`): their usual Latin spelling. */
const unaccented: Record<string, string> = { ø: "o", Ø: "O", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ß: "ss", đ: "d", Đ: "D", ł: "l", Ł: "L", þ: "th", Þ: "Th" };

const fold = (text: string) =>
  text
    .replace(/[øØæÆœŒßđĐłŁþÞ]/gu, (letter) => unaccented[letter]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** `work-cliff-trotsky-volume-iv-1927-40`: from the family name and the title's first words. */
export function workIdOf(author: PersonName | undefined, title: string | undefined): string {
  const words = fold(title ?? "").split(" ").filter((word) => word && !["the", "a", "an"].includes(word));
  return ["work", ...(author ? [fold(author.family).replace(/ /g, "-")] : []), ...words.slice(0, 6)].join("-").replace(/-+/g, "-");
}

/** Whether two titles name the same work: equal, or one the start of the other (`Trotsky Volume IV` / `Trotsky Volume IV 1927–40`). */
export function sameTitle(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  return x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `);
}

export function sameAuthor(a: PersonName | undefined, b: PersonName | undefined): boolean {
  return !a || !b ? !a && !b : fold(a.family) === fold(b.family);
}

function issued(year: string | undefined): CslItem["issued"] {
  return year ? { "date-parts": [[Number(year)]] } : undefined;
}

/** The CSL item for a citation that names its work (a full citation or the first short one). */
export function itemOf(citation: ParsedCitation): CslItem {
  const item: CslItem = { id: workIdOf(citation.author ?? citation.editors?.[0], citation.title), type: citation.containerTitle ? (citation.containerKind === "journal" ? "article-journal" : "chapter") : "book" };
  if (citation.containerKind === "journal" && citation.volume) item.volume = citation.volume;
  if (citation.author) item.author = [citation.author];
  if (citation.editors?.length && !citation.author) item.editor = citation.editors;
  if (citation.title) item.title = citation.title;
  if (citation.containerTitle) item["container-title"] = citation.containerTitle;
  // `Tony Cliff et al.` stays as written: citeproc would make it "Tony Cliff and et al.".
  if (citation.containerAuthor) item.editor = [/\set al\.$/.test(citation.containerAuthor) ? { family: "", literal: citation.containerAuthor } : personName(citation.containerAuthor)];
  if (citation.publisher) item.publisher = citation.publisher;
  if (citation.place) item["publisher-place"] = citation.place;
  if (citation.edition) item.edition = citation.edition;
  const date = issued(citation.year);
  if (date) item.issued = date;
  return item;
}

/** The CSL item for the book a review is about; `typeset` gives the raw title the house style. */
export function itemOfReviewedWork(work: ReviewedWork, typeset: (line: string) => string): CslItem {
  const author = work.author ? personName(work.author) : undefined;
  // The block at the head of the review is raw text; the entry takes the house style (`1923–1927`).
  const title = typeset(work.title);
  const item: CslItem = { id: workIdOf(author, title), type: "book", title };
  if (author) item.author = [author];
  if (work.publisher) item.publisher = work.publisher;
  if (work.place) item["publisher-place"] = work.place;
  const date = issued(work.year);
  if (date) item.issued = date;
  return item;
}

/** Whether the item has more than a name and a title (so it can stand as a full entry). */
export function hasImprint(item: CslItem): boolean {
  return Boolean(item.publisher || item["publisher-place"] || item.issued || item["container-title"]);
}
