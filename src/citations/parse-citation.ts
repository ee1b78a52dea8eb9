// One note that cites a work, read into structured parts: who, what, where
// and when, and the page. Pure functions over the note's text (after the
// house typography: no-break spaces after initials and `p.`, curly quotes,
// en dashes in ranges). A note that does not read as a citation (a
// discussion, an explanation) gives undefined: it is not guessed at.
import { nlp } from "../language/lazy-packages.js";

export interface PersonName {
  family: string;
  given?: string;
}

export interface ParsedCitation {
  /** `full`: with its imprint; `ibid` (and `idem` alone), `op-cit` (and `loc. cit.`); `short`: author and/or title only. */
  kind: "full" | "ibid" | "op-cit" | "short";
  /** Words before the citation that belong to the note: `See`, `Quoted in`. */
  prefix?: string;
  /** `Idem, Title, p. 4`: the author is the previous citation's, the work the title given. */
  idem?: boolean;
  author?: PersonName;
  title?: string;
  /** For a chapter or essay: the book it stands in, and that book's editor. */
  containerTitle?: string;
  containerAuthor?: string;
  /** A book known by its editors alone (`Leon Trotsky on China, ed. Les Evans and Russell Block`). */
  editors?: PersonName[];
  /** The container is a journal (an article's), not a book (a chapter's). */
  containerKind?: "journal";
  publisher?: string;
  place?: string;
  year?: string;
  edition?: string;
  volume?: string;
  /** The page or pages, as the note gives them (`51–52`, `89, 48, 496 and 502–3`). */
  locator?: string;
  /** Where in the text the part naming the work stands (`Ibid.`, `op. cit.`, the title, or the author). */
  span: { start: number; end: number };
}

const space = "[ \\u00A0]";
const authorPart = `(?:[A-Z]\\.${space}?)*[A-Z][\\p{Ll}’'-]+`;
/** `op. cit.`, `Op. Cit.`, `loc. cit.`: the work of this author cited before. */
const opCit = `(?:[Oo]p|[Ll]oc)\\.${space}?[Cc]it\\.`;
const citation = new RegExp(
  [
    `^(?<prefix>(?:See|Quoted in|Cf\\.)${space}+)?`,
    `(?:(?<author>${authorPart}),${space}+(?!(?:pp?\\.|pages?|volume)${space}))?`,
    "(?:",
    `(?<ibid>[Ii]bid(?:em)?\\.?|[Ii]dem\\.?(?=,|$))`,
    `|“(?<chapter>[^”]+?)[;,.]?”${space}+in${space}+(?<editor>[^,]+?),${space}+(?<container>[^,(]+?)`,
    `|(?<opcitAlone>${opCit})`,
    `|(?<title>.+?)`,
    ")",
    `(?:,${space}+(?<opcit>${opCit}))?`,
    `(?:${space}+\\((?<imprint>[^()]*(?:\\d{4}|n\\.${space}?d\\.)[^()]*)\\))?`,
    `(?:,${space}+(?:volume|[Vv]ol\\.)${space}*(?<volume>\\d+|[IVXLC]+))?`,
    `(?:,${space}*(?:[Pp]p?\\.${space}*|[Pp]ages?${space}+)(?<pages>[\\d–\\-, and]+?)|,${space}+(?<bare>\\d+(?:[–-]\\d+)?))?`,
    "\\.?$",
  ].join(""),
  "u",
);

/** An editor's comment closing a note, `[… – ed.]`: part of the note, not of the citation. */
const editorsComment = /\s*\[[^\]]*\]\s*$/;

export function personName(text: string): PersonName {
  const parts = text.replace(/\u00A0/g, " ").trim().split(/\s+/);
  const family = parts.pop()!;
  return parts.length ? { family, given: parts.join(" ") } : { family };
}

function readImprint(imprint: string, into: ParsedCitation): void {
  const parts = imprint.split(/,\s*/).map((part) => part.trim());
  for (const part of parts) {
    const year = /^(?:(.*?)\s+)?(\d{4})$/.exec(part);
    const name = year ? year[1] : /^n\.\s?d\.$/.test(part) ? undefined : part;
    if (year) into.year = year[2];
    const edition = /^(\d+)(?:st|nd|rd|th) ed\.$/.exec(part);
    if (edition) {
      into.edition = edition[1];
      continue;
    }
    // A month or season before the year is an issue's date (`January 2011`), no publisher.
    if (!name || /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter)$/u.test(name)) continue;
    // A place name (London, New York) is the place; anything else the publisher.
    if (nlp(name).places().found && !into.place) into.place = name;
    else into.publisher = name;
  }
}

/** Read one note as a citation, or undefined when it is not one. */
export function parseCitation(note: string): ParsedCitation | undefined {
  const text = note.replace(editorsComment, "").trimEnd();
  if (text.length > 300) return undefined;
  const match = citation.exec(text);
  if (!match?.groups) return undefined;
  const g = match.groups;
  const result: ParsedCitation = { kind: "short", span: { start: 0, end: 0 } };
  if (g.prefix) result.prefix = g.prefix.trim();
  const at = (part: string) => {
    const start = text.indexOf(part, g.prefix?.length ?? 0);
    return { start, end: start + part.length };
  };
  if (g.author) result.author = personName(g.author);
  if (g.ibid) {
    result.kind = "ibid";
    result.span = at(g.ibid);
  } else if (g.chapter) {
    result.title = g.chapter.trim();
    result.containerTitle = g.container!.trim();
    result.containerAuthor = g.editor!.trim();
    result.span = at(g.chapter);
  } else if (g.title) {
    const title = g.title.trim();
    // A lone surname with a page (`Deutscher, page 93`) names an author, not a title.
    if (!g.author && !g.imprint && new RegExp(`^${authorPart}$`, "u").test(title)) result.author = personName(title);
    else result.title = title;
    result.span = at(title);
  }
  if (g.opcit || g.opcitAlone) {
    result.kind = "op-cit";
    result.span = at((g.opcit ?? g.opcitAlone)!);
  }
  if (g.imprint) {
    readImprint(g.imprint, result);
    if (result.kind === "short") result.kind = "full";
  }
  if (g.volume) result.volume = g.volume;
  if (g.pages || g.bare) result.locator = (g.pages ?? g.bare)!.trim();
  // A title must look like one: no sentence inside it.
  if (result.title && /[.!?]\s+\p{Lu}/u.test(result.title)) return undefined;
  if (!result.title && !result.author && result.kind !== "ibid") return undefined;
  if (result.kind === "short" && !result.locator && !result.volume) return undefined;
  return result;
}
