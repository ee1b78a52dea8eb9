// A text's own reference list ("References", "Bibliography", "Works Cited"
// at its end), read entry by entry into CSL items, so that its author-date
// citations (`(Smith 1950: 183)`) resolve to the works it lists. citation-js
// reads free-text references poorly, so the common shapes are read here:
//
//   APA          Surname, F. M., & Other, G. (1950). Title. Place: Publisher.
//                Surname, F. (2007). Article. Journal, 52(3), 477–498.
//   Harvard      Surname, F. (1950) Title. Place: Publisher.
//   author-date  Surname, Forename, and Forename Other. 1950. Title. Place: Publisher.
//   Chicago      Surname, Forename. Title. Place: Publisher, 1950.
//                Surname, Forename. “Article.” Journal 52, no. 3 (2007): 477–98.
//                ———. Title. Place: Publisher, 1959.   (the author of the entry before)
//
// An entry that reads as none of them gives undefined: it is reported, never guessed at.
import { personName, type PersonName } from "./parse-citation.js";
import { workIdOf, type CslItem, type CslName } from "./works.js";

/** The heading (or lone line) that opens a text's reference list. */
export const referenceListHeading = /^(?:references(?:\s+cited)?|bibliography|select\s+bibliography|works\s+cited|literature\s+cited|sources)\.?:?$/iu;

const space = "[ \\u00A0]";
const particle = `(?:(?:van|von|de|del|der|la|le|da|du|dos)${space}+)`;
const family = `${particle}?\\p{Lu}[\\p{L}’'-]+(?:${space}\\p{Lu}[\\p{Ll}’'-]+)?`;
const initials = `\\p{Lu}\\.(?:${space}?-?\\p{Lu}\\.)*`;
const forenames = `(?:${initials}|\\p{Lu}[\\p{Ll}’'-]+(?:${space}+(?:${initials}|\\p{Lu}[\\p{Ll}’'-]+))*)`;
const inverted = `${family},${space}+${forenames}`;
const direct = `${forenames}${space}+${family}`;
/** The authors (or editors) of an entry, the first inverted: `Zeman, Z. A. B., & Scharlau, W. B.`, `Day, Richard B., and Daniel Gaido`. */
const names = `(?<names>${inverted}(?:(?:,${space}+|${space}+)(?:and|&)${space}+(?:${inverted}|${direct})|,${space}+(?!and${space}|&)${inverted})*(?:,?${space}+et${space}+al\\.)?)`;
const editorMark = `(?:,?${space}+\\(?(?<editors>eds?\\.|editors?|comps?\\.)\\)?)?`;
/** `———.` or `---.` (spaced, as the house typography may leave it): the author of the entry before. */
const sameAuthor = `(?<same>[—–-](?:${space}*[—–-])+${space}*\\.?)`;
const year = (name: string) => `(?<${name}>(?:1[5-9]\\d\\d|20\\d\\d)[a-z]?)`;
export const head = new RegExp(
  [
    `^(?:${sameAuthor}|${names}${editorMark})`,
    "(?:",
    // APA and Harvard: the year in brackets after the names.
    `\\.?${space}+\\(${year("bracketYear")}(?:,${space}*[^)]*)?\\)\\.?${space}+(?<afterBracketYear>.+)`,
    // author-date: the year as a sentence of its own after the names.
    `|\\.?${space}+${year("sentenceYear")}\\.${space}+(?<afterYear>.+)`,
    // Chicago's bibliography: the title follows the names; the year closes the imprint.
    `|\\.?${space}+(?<afterNames>.+)`,
    ")$",
  ].join(""),
  "su",
);

/** One person of the names part: `Scharlau, W. B.` or `Daniel Gaido`. */
function personOf(text: string): CslName {
  const comma = text.indexOf(",");
  if (comma > 0) return { family: text.slice(0, comma).trim(), given: text.slice(comma + 1).trim() };
  const person: PersonName = personName(text);
  return person.given ? { family: person.family, given: person.given } : { family: person.family };
}

/** The names part split into people: inverted names keep their comma, so split at `and`/`&` and at a comma before a new inverted name. */
function peopleOf(text: string): CslName[] {
  const cleaned = text.replace(/,?\s+et\s+al\.$/u, "");
  const parts = cleaned.split(new RegExp(`(?:,${space}+|${space}+)(?:and|&)${space}+|(?<=\\.|\\p{Ll}),${space}+(?=${family},${space})`, "u"));
  return parts.map((part) => personOf(part.trim())).filter((person) => person.family);
}

/** A title up to its closing full stop, question or exclamation mark (not one after an initial). */
function splitTitle(text: string): { title: string; rest: string } | undefined {
  const quoted = /^[“"](?<title>[^”"]+?)[.,?!]?[”"][.,]?\s*(?<rest>.*)$/su.exec(text);
  if (quoted?.groups) return { title: quoted.groups.title!.trim().replace(/[.,]$/, ""), rest: quoted.groups.rest!.trim() };
  const match = /^(?<title>.+?(?<![\s.]\p{Lu})(?<!\b(?:vol|no|ed|eds|trans|rev|St|Mr|Dr))[.?!])(?:\s+(?<rest>.*))?$/su.exec(text);
  if (!match?.groups) return undefined;
  return { title: match.groups.title!.replace(/\.$/, "").trim(), rest: (match.groups.rest ?? "").trim() };
}

interface Imprint {
  place?: string;
  publisher?: string;
  year?: string;
}

/** `Place: Publisher, 1950.`, `Place: Publisher.`, `Publisher, 1950.`, `Publisher.` */
function readImprint(text: string): Imprint | undefined {
  const match = /^(?:(?<place>[^:.,]+(?:,\s*[A-Z][A-Za-z.]{1,5})?):\s*)?(?<publisher>[^:]+?)(?:,\s*(?<year>1[5-9]\d\d|20\d\d)[a-z]?)?\.?$/u.exec(text.trim());
  if (!match?.groups || /\d{3}/.test(match.groups.publisher!.replace(/\d{4}$/, ""))) return undefined;
  const imprint: Imprint = { publisher: match.groups.publisher!.trim() };
  if (match.groups.place) imprint.place = match.groups.place.trim();
  if (match.groups.year) imprint.year = match.groups.year;
  return imprint;
}

/** An article's container: `Journal 52, no. 3 (2007): 477–98.` (Chicago) or `Journal, 52(3), 477–498.` (APA). */
function readJournal(text: string): { journal: string; volume?: string; issue?: string; year?: string; pages?: string } | undefined {
  const chicago = /^(?<journal>[^,(]+?)\s+(?<volume>\d+)(?:,\s*no\.\s*(?<issue>[\w–-]+))?\s*\((?:[^()]*?\s)?(?<year>\d{4})\)(?::\s*(?<pages>\d+[–-]\d+))?\.?$/u.exec(text);
  if (chicago?.groups) return strip(chicago.groups);
  // A volume of at most three digits: `London: Macmillan, 1954` is an imprint, not a journal's volume.
  const apa = /^(?<journal>[^,:]+?),\s*(?<volume>\d{1,3})(?:\((?<issue>[^)]+)\))?(?:,\s*(?<pages>\d+[–-]\d+))?\.?$/u.exec(text);
  return apa?.groups ? strip(apa.groups) : undefined;
}

const strip = <T extends Record<string, string | undefined>>(groups: T) => Object.fromEntries(Object.entries(groups).filter(([, value]) => value !== undefined)) as { journal: string; volume?: string; issue?: string; year?: string; pages?: string };

/** A chapter's book: `In Illuminations, edited by Hannah Arendt, 155–200. New York: Schocken, 1968.` or APA's `In H. Arendt (Ed.), Illuminations (pp. 155–200). New York: Schocken.` */
function readChapter(text: string): { container: string; editor?: string; pages?: string; imprint?: Imprint } | undefined {
  const chicago = /^In\s+(?<container>[^,]+?),\s+(?:edited\s+by|ed\.)\s+(?<editor>[^,]+?)(?:,\s*(?<pages>\d+[–-]\d+))?\.\s+(?<imprint>.+)$/u.exec(text);
  const apa = /^In\s+(?<editor>[^()]+?)\s+\(Eds?\.\),\s+(?<container>[^(]+?)\s*(?:\(pp?\.\s*(?<pages>\d+[–-]\d+)\))?\.\s+(?<imprint>.+)$/u.exec(text);
  const groups = (chicago ?? apa)?.groups;
  if (!groups) return undefined;
  const imprint = readImprint(groups.imprint!);
  return { container: groups.container!.trim(), editor: groups.editor!.trim(), ...(groups.pages ? { pages: groups.pages } : {}), ...(imprint ? { imprint } : {}) };
}

export interface ReadReference {
  item: CslItem;
  /** The entry's year with its letter (`1950a`), as author-date citations give it. */
  year?: string;
}

/**
 * One entry of a reference list as a CSL item, or undefined when it reads as
 * none of the shapes known. `previous` is the entry before (for `———.`).
 */
export function parseReference(entry: string, previous?: CslItem): ReadReference | undefined {
  const text = entry.replace(/\s+/gu, " ").trim();
  if (text.length < 12 || text.length > 500) return undefined;
  const match = head.exec(text);
  if (!match?.groups) return undefined;
  const g = match.groups;
  let people: CslName[];
  if (g.same) {
    people = structuredClone(previous?.author ?? previous?.editor ?? []);
    if (!people.length) return undefined;
  } else people = peopleOf(g.names!);
  const after = (g.afterBracketYear ?? g.afterYear ?? g.afterNames)!.trim();
  const split = splitTitle(after);
  if (!split) return undefined;
  const item: CslItem = { id: "", type: "book", title: split.title };
  const cited = g.bracketYear ?? g.sentenceYear;
  let yearText = cited?.slice(0, 4);
  const rest = split.rest.replace(/^\(\d+(?:st|nd|rd|th)\s+ed\.\)\.?\s*/u, "");
  const journal = readJournal(rest);
  const chapter = journal ? undefined : readChapter(rest);
  if (journal) {
    item.type = "article-journal";
    item["container-title"] = journal.journal.trim();
    if (journal.volume) item.volume = journal.volume;
    if (journal.issue) (item as CslItem & { issue?: string }).issue = journal.issue;
    if (journal.pages) (item as CslItem & { page?: string }).page = journal.pages.replace(/-/g, "–");
    yearText ??= journal.year;
  } else if (chapter) {
    item.type = "chapter";
    item["container-title"] = chapter.container;
    if (chapter.editor) item.editor = peopleOf(chapter.editor.replace(/\s+\(Eds?\.\)$/u, ""));
    if (chapter.pages) (item as CslItem & { page?: string }).page = chapter.pages.replace(/-/g, "–");
    if (chapter.imprint?.place) item["publisher-place"] = chapter.imprint.place;
    if (chapter.imprint?.publisher) item.publisher = chapter.imprint.publisher;
    yearText ??= chapter.imprint?.year;
  } else if (rest) {
    const imprint = readImprint(rest);
    if (!imprint) return undefined;
    if (imprint.place) item["publisher-place"] = imprint.place;
    if (imprint.publisher) item.publisher = imprint.publisher;
    yearText ??= imprint.year;
  }
  // An entry with no year anywhere cannot answer an author-date citation, and may be no entry at all.
  if (!yearText) return undefined;
  if (g.editors && !g.same) item.editor = people;
  else item.author = people;
  item.issued = { "date-parts": [[Number(yearText)]] };
  const first = people[0]!;
  item.id = `${workIdOf(first.given ? { family: first.family, given: first.given } : { family: first.family }, item.title)}`;
  return { item, year: cited ?? yearText };
}
