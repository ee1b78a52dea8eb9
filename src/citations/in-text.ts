// Citations in the running text, read from the text's own evidence: an
// author–title–page citation in square brackets (`[Smith, Op. Cit., p. 83]`,
// `[Collected Works, vol. 12, p. 45]`, `[Jones, quoted by Brown, Op. Cit.,
// p. 14]`, `[Ibid., p. 9]`) and an author-date citation in parentheses
// (`(Smith 1950: 183)`, `(Jones 1959, p. 93)`). A bracket reads as a
// citation only when it carries a page or volume, or is an ibid./op. cit./
// loc. cit./idem: an editor's insertion in a quotation (`[the committee]`,
// `[t]he`), `[sic]` and `[...]` stay text and are counted. Pure functions
// over one run of text (after the house typography).
import { parseCitation, type ParsedCitation } from "./parse-citation.js";
import { parseNote } from "./chicago-note.js";

export interface InTextCitation {
  form: "bracket" | "author-date";
  /** Offsets in the text of what becomes the link (inside the bracket or parenthesis). */
  start: number;
  end: number;
  parsed: ParsedCitation;
  /** An author-date citation's year (`1950`, `1950a`). */
  year?: string;
}

export interface InTextReading {
  citations: InTextCitation[];
  /** Brackets with words in them that do not read as citations: editorial insertions, `[sic]`. */
  editorialBrackets: number;
}

const space = "[ \\u00A0]";
/** A page or volume in a bracket: the mark of a citation. */
const locatorMark = new RegExp(`(?:^|,${space}*)(?:pp?\\.|pages?|vol\\.|volume)${space}*[\\dIVXLC]`, "iu");
/** `ibid.`, `idem`, `op. cit.`, `loc. cit.`: a citation even with no page. */
const backReference = new RegExp(`(?:^|,${space}*)(?:ibid(?:em)?\\.?|idem\\.?|(?:op|loc)\\.${space}?cit\\.)(?=,|$)`, "iu");
/** `Jones, quoted by Brown, …`, `Jones, cited in Brown, …`: the work cited is Brown's. */
const quotedBy = new RegExp(`^(?<quoted>[^,]{1,60}?),?${space}+(?<verb>(?:as${space}+)?(?:quoted|cited)${space}+(?:by|in))${space}+(?<rest>.+)$`, "u");

/** One bracket's content read as a citation, or undefined. */
export function readBracket(content: string): ParsedCitation | undefined {
  const text = content.trim();
  if (!locatorMark.test(text) && !backReference.test(text)) return undefined;
  const quoted = quotedBy.exec(text);
  const parsed = parseNote(quoted ? quoted.groups!.rest! : text, parseCitation);
  if (!parsed) return undefined;
  if (quoted) {
    parsed.prefix = `${quoted.groups!.quoted}, ${quoted.groups!.verb}`;
    const offset = text.length - quoted.groups!.rest!.length;
    parsed.span = { start: parsed.span.start + offset, end: parsed.span.end + offset };
  }
  return parsed;
}

const months = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "spring", "summer", "autumn", "fall", "winter", "christmas", "easter"]);
const surname = "\\p{Lu}[\\p{Ll}’']+(?:-\\p{Lu}?[\\p{Ll}’']+)*(?:[ \\u00A0]\\p{Lu}[\\p{Ll}’']+(?:-\\p{Lu}?[\\p{Ll}’']+)*)?";
const authors = `(?<names>(?:(?:van|von|de|del|der|la|le)${space})?${surname}(?:(?:,${space}|${space}(?:and|&)${space})${surname})*(?:${space}et${space}al\\.)?)`;
const oneAuthorDate = new RegExp(
  `^(?<lead>(?:see(?:${space}+also)?|cf\\.|e\\.g\\.)${space}+)?${authors},?${space}+(?<year>1[5-9]\\d\\d[a-z]?|20\\d\\d[a-z]?|n\\.${space}?d\\.)(?:(?::${space}*|,${space}*(?:(?:pp?\\.|pages?)${space}*)?)(?<locator>[\\dxivlc]+(?:[–-]\\d+)?(?:,${space}*\\d+(?:[–-]\\d+)?)*))?$`,
  "u",
);

/** One parenthesis's content read as author-date citations (`Smith 1950: 183; Jones 1959`), or none. */
export function readAuthorDate(content: string): { parsed: ParsedCitation; year: string; start: number; end: number }[] {
  const found: { parsed: ParsedCitation; year: string; start: number; end: number }[] = [];
  let offset = 0;
  for (const part of content.split(";")) {
    const lead = part.length - part.trimStart().length;
    const match = oneAuthorDate.exec(part.trim());
    if (!match?.groups) return [];
    const names = match.groups.names!;
    if (names.split(/[ ,&]+/).some((word) => months.has(word.toLowerCase()))) return [];
    const family = names.replace(/\s+et\s+al\.$/, "").split(/,\s|\s(?:and|&)\s/)[0]!;
    const start = offset + lead + (match.groups.lead?.length ?? 0);
    const parsed: ParsedCitation = { kind: "short", author: { family }, span: { start: 0, end: 0 } };
    if (match.groups.lead) parsed.prefix = match.groups.lead.trim();
    if (match.groups.locator) parsed.locator = match.groups.locator;
    found.push({ parsed, year: match.groups.year!, start, end: offset + lead + part.trim().length });
    offset += part.length + 1;
  }
  return found;
}

/** Every in-text citation of one run of text, with the brackets that are not citations counted. */
export function findInTextCitations(text: string): InTextReading {
  const citations: InTextCitation[] = [];
  let editorialBrackets = 0;
  for (const match of text.matchAll(/\[([^[\]]{1,200})\]/gu)) {
    const content = match[1]!;
    const start = match.index + 1;
    const parsed = /\p{L}/u.test(content) ? readBracket(content) : undefined;
    if (parsed) {
      const lead = content.length - content.trimStart().length;
      citations.push({ form: "bracket", start: start + lead, end: start + content.trimEnd().length, parsed });
    } else if (/\p{L}/u.test(content)) editorialBrackets++;
  }
  for (const match of text.matchAll(/\(([^()]{6,200})\)/gu)) {
    const start = match.index + 1;
    for (const one of readAuthorDate(match[1]!)) citations.push({ form: "author-date", start: start + one.start, end: start + one.end, parsed: one.parsed, year: one.year });
  }
  return { citations: citations.sort((a, b) => a.start - b.start), editorialBrackets };
}
