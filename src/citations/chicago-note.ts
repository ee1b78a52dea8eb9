// A note in the Chicago notes-bibliography form, as journals and their web
// pages print it: `Leon Trotsky, Literature and Revolution, trans. Rose
// Strunsky (Chicago: Haymarket Books, 2005), 70–71.`, `Walter Benjamin, “On
// Some Motifs in Baudelaire,” in Illuminations, ed. Hannah Arendt (New York:
// Schocken Books, 1968), 155.`, `Marcello Musto, “The Rediscovery of Karl
// Marx,” International Review of Social History 52, no. 3 (2007): 477–98.`
// Words after the citation (`Available online at …`, `The book first
// appeared …`) are the note's, not the citation's. The seed reviews' forms
// are read by parse-citation.ts; this is tried when that gives nothing.
import { personName, type ParsedCitation } from "./parse-citation.js";

const space = "[ \\u00A0]";
const name = `\\p{Lu}[\\p{L}.’'-]*(?:${space}+(?:van|von|de|del|der|la|le|\\p{Lu}[\\p{L}.’'-]*)){0,3}`;
// Several authors only with their `and`: `A, B, and C`; otherwise `Name, Title` would read the title as a second author.
const authors = `(?<authors>${name}(?:(?:,${space}+${name})*,?${space}+and${space}+${name})?)`;
/** Translators or editors: names, which may hold initials (`Anne G. Mitchell`), so never ending at one. */
const people = `[^,(]+?(?<![ \\u00A0.]\\p{Lu})`;
/** A collection's title, with the years it covers (`Writings of Leon Trotsky, 1933–34`). */
const container = `[^,(]+?(?:,${space}+\\d{4}(?:[–-]\\d{2,4})?)?`;
const quoted = `[“"](?<chapter>[^”"]+?)[,.?!]?[”"][,.]?`;
export const chicago = new RegExp(
  [
    `^(?<prefix>(?:[^,]{0,60},${space}+)?(?:[Ss]ee|Quoted${space}+in|Cf\\.)${space}+)?`,
    `${authors},${space}+`,
    "(?:",
    `${quoted}(?:${space}+(?:trans\\.|translated${space}+by)${space}+${people},)?${space}+(?:in${space}+(?:\\p{Lu}[\\p{L}’'-]+,${space}+(?!ed\\.|edited|trans\\.|vol\\.))?(?<container>${container})|(?<journal>[^,(]+?)(?:${space}+(?<jvolume>\\d+)(?:,${space}+no\\.${space}+\\d+)?)?)`,
    // A work with no quotation marks in a collection: `Results and Prospects, in Trotsky, The Permanent Revolution …`.
    `|(?<title>[\\p{Lu}\\d‘'][^(“"]*?)(?:,${space}+in${space}+(?:\\p{Lu}[\\p{L}’'-]+,${space}+)?(?<inContainer>${container}))?`,
    ")",
    // A collection's editors named without `ed.`: `Howard W. Jennings et al.`
    `(?:,${space}+[^,()]+?${space}+et${space}+al\\.)?`,
    `(?:,${space}+(?:rev\\.${space}+ed\\.|\\d+(?:st|nd|rd|th)${space}+ed\\.))?`,
    `(?:,${space}+(?:ed\\.|edited${space}+by|trans\\.|translated${space}+by)${space}+${people})*`,
    // A volume before the imprint, with the years it covers: `vol. 2, 1927–1930,`.
    `(?:,${space}+(?:vol\\.|volume)${space}+(?<volumeFirst>[\\dIVXLC]+)(?:,${space}+\\d{4}[–-]\\d{2,4})?)?`,
    `(?:,?${space}*\\((?<imprint>[^()]*(?:\\([^()]*\\))?[^()]*)\\)|${space}+(?<bareYear>\\d{4}))?`,
    `(?:,${space}+(?:vol\\.|volume)${space}+(?<volume>[\\dIVXLC]+))?`,
    `(?:[,:]${space}*(?:pp?\\.${space}*)?(?<pages>\\d+(?:[–-]\\d+)?(?:,${space}*\\d+(?:[–-]\\d+)?)*)|,${space}+(?<chapterRef>Ch\\.${space}+[\\dIVXLC]+))?`,
    // Words after the citation: a sentence of the note's own, or where it is found online.
    `(?:\\.(?:${space}+.*)?|,${space}+(?:available|accessed|retrieved|online)\\b.*)?$`,
  ].join(""),
  "su",
);

/** `(Chicago: Haymarket Books, 2005 (1924))`: place, publisher, year; a journal's `(January 2011)` is its issue's date, no publisher; `(Cambridge: Harvard University Press)` has no year. */
function readImprint(imprint: string, into: ParsedCitation): void {
  const match = /^(?:(?<place>[^:]+):\s*)?(?<publisher>[^,]*?),?\s*(?<year>\d{4})?(?:\s*\(\d{4}\))?$/u.exec(imprint.trim());
  if (!match?.groups) {
    const year = /\d{4}/.exec(imprint);
    if (year) into.year = year[0];
    return;
  }
  const publisher = match.groups.publisher?.trim();
  if (match.groups.place) into.place = match.groups.place.trim();
  if (publisher && !/^(?:(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter)(?:\s+\d{1,2})?|n\.\s?d\.)$/u.test(publisher)) into.publisher = publisher;
  if (match.groups.year) into.year = match.groups.year;
}

/** `Leon Trotsky to Victor Serge, June 9, 1936, in The Serge-Trotsky Papers, …`: a letter in a collection. */
const letter = new RegExp(`^(?<head>(?<from>${name})${space}+to${space}+(?<to>${name}),${space}+(?<date>[^,]{3,20},${space}+\\d{4})),${space}+(?<rest>in${space}+.+)$`, "su");

/** The letter as a chapter of its collection, titled as Chicago's bibliography does (`Letter to Victor Serge, June 9, 1936`). */
function parseLetter(text: string): ParsedCitation | undefined {
  const match = letter.exec(text);
  if (!match?.groups) return undefined;
  const g = match.groups;
  const parsed = parseChicagoNote(`${g.from}, “Letter to ${g.to}, ${g.date},” ${g.rest}`);
  if (!parsed?.containerTitle) return undefined;
  return { ...parsed, span: { start: 0, end: g.head!.length } };
}

/** Read a Chicago full or short note, or undefined when it is not one. */
export function parseChicagoNote(note: string): ParsedCitation | undefined {
  const text = note.trim();
  if (text.length > 600) return undefined;
  const match = chicago.exec(text);
  if (!match?.groups) return parseLetter(text);
  const g = match.groups;
  const first = g.authors!.split(/,\s+|,?\s+and\s+/)[0]!;
  const result: ParsedCitation = { kind: "short", author: personName(first), span: { start: 0, end: 0 } };
  if (g.prefix) result.prefix = g.prefix.trim();
  const workTitle = (g.chapter ?? g.title)?.trim();
  if (!workTitle || /^(?:ibid|op\.|in$)/i.test(workTitle)) return undefined;
  result.title = workTitle;
  const inCollection = g.container ?? g.inContainer;
  if (inCollection && !/^ibid/i.test(inCollection)) result.containerTitle = inCollection.trim();
  else if (g.journal) {
    result.containerTitle = g.journal.trim();
    result.containerKind = "journal";
  }
  const start = text.indexOf(workTitle, (g.prefix?.length ?? 0) + g.authors!.length);
  result.span = { start, end: start + workTitle.length };
  if (g.imprint) readImprint(g.imprint, result);
  if (g.bareYear) result.year = g.bareYear;
  // `Partisan Review 1938`: a year where a journal's volume would stand.
  if (g.jvolume && !g.imprint && /^(?:1[5-9]|20)\d\d$/.test(g.jvolume)) result.year = g.jvolume;
  else if (g.volume ?? g.volumeFirst ?? g.jvolume) result.volume = (g.volume ?? g.volumeFirst ?? g.jvolume)!;
  if (g.pages) result.locator = g.pages.replace(/-/g, "–");
  else if (g.chapterRef) result.locator = g.chapterRef;
  if (result.year || result.containerTitle) result.kind = "full";
  // A short note must point somewhere: a page.
  if (result.kind === "short" && !result.locator) return undefined;
  // A title is a title: no sentence inside it.
  if (/[.!?]\s+\p{Lu}/u.test(workTitle)) return undefined;
  return result;
}

const fullName = `\\p{Lu}(?:[\\p{Ll}’'-]+|\\.(?:\\p{Lu}\\.)*)(?:${space}+(?:van|von|de|\\p{Lu}(?:[\\p{Ll}’'-]+|\\.))){1,3}`;
/** Where a citation may start inside a discussion: after `see`, `in`, `by` (`… see Thomas Twiss, Trotsky and …`). */
const leadIn = new RegExp(`(?:^|${space})(?:[Ss]ee|in|by|from)${space}+(?=\\p{Lu})`, "gu");
/** An author named in the prose before the title: `Alexander Rabinowitch’s excellent …`, `C.L.R. James in his …`. */
const namedInProse = new RegExp(`(?<author>${fullName})(?:’s|'s|${space}+in${space}+(?:his|her|their))${space}+`, "gu");
/** A book by its editors alone: `Leon Trotsky on China, ed. Les Evans and Russell Block (New York: Pathfinder Press, 1976)`. */
const editedBook = new RegExp(`^(?<title>\\p{Lu}[^,()]+?),${space}+(?:ed\\.|edited${space}+by)${space}+(?<editors>[^()]+?)${space}*\\((?<imprint>[^()]*\\d{4}[^()]*)\\)(?:,${space}*(?:pp?\\.${space}*)?(?<pages>\\d+(?:[–-]\\d+)?))?(?:\\.(?:${space}+.*)?)?$`, "su");

/** A full citation (with its imprint) standing inside a note that discusses something, read from where it starts; the words before it are its prefix. */
function embeddedCitation(note: string): ParsedCitation | undefined {
  // A note, not a page of them: the patterns below are tried from many starting points.
  if (note.length > 600) return undefined;
  const placed = (parsed: ParsedCitation, from: number): ParsedCitation | undefined => {
    const at = parsed.title ? note.indexOf(parsed.title, from) : -1;
    if (at < 0 || !parsed.year) return undefined;
    const prefix = note.slice(0, from).trim();
    return { ...parsed, ...(prefix ? { prefix } : {}), span: { start: at, end: at + parsed.title!.length } };
  };
  for (const match of note.matchAll(leadIn)) {
    const from = match.index + match[0].length;
    const rest = note.slice(from);
    const direct = parseChicagoNote(rest);
    if (direct?.kind === "full") return placed(direct, from);
    const edited = editedBook.exec(rest);
    if (edited?.groups) {
      const parsed: ParsedCitation = { kind: "full", title: edited.groups.title!.trim(), span: { start: 0, end: 0 }, editors: edited.groups.editors!.split(/,?\s+and\s+|,\s+/u).map((editor) => personName(editor)) };
      readImprint(edited.groups.imprint!, parsed);
      if (edited.groups.pages) parsed.locator = edited.groups.pages;
      const found = placed(parsed, from);
      if (found) return found;
    }
  }
  for (const match of note.matchAll(namedInProse)) {
    const author = match.groups!.author!;
    const after = match.index + match[0].length;
    // The title starts after a comma (`… novel about …, Midnight in the Century, trans. …`) or at a capital after the author's name.
    // After a comma first (the title after a description of it), then at any capital after the name.
    const starts = (pattern: RegExp) => [...note.slice(after).matchAll(pattern)].map((one) => after + one.index + one[0].length);
    for (const start of [...starts(/,\s+(?=[\p{Lu}“"])/gu), ...starts(/(?:^|\s)(?=[\p{Lu}“"])/gu)]) {
      const parsed = parseChicagoNote(`${author}, ${note.slice(start)}`);
      // A title, not a run of the note's prose (six lower-case words in a row: `… and other dissidents deported for their …`).
      if (parsed?.kind !== "full" || !parsed.title || /[.!?]\s+\p{Lu}/u.test(parsed.title) || /(?:\p{Ll}+[\s,]+){6}/u.test(parsed.title)) continue;
      return placed(parsed, start) && { ...placed(parsed, start)!, prefix: note.slice(0, match.index).trim() || undefined } as ParsedCitation;
    }
  }
  return undefined;
}

/** Whether a reading by the seed reviews' parser is doubtful: no author, and a "title" that is a lead-in or a name and a title (`For a detailed analysis, see …`, `Samuel Beckett, Three Novels`). */
function doubtful(parsed: ParsedCitation): boolean {
  return !parsed.author && parsed.kind !== "ibid" && Boolean(parsed.title) && (/,\s/.test(parsed.title!) || /^\p{Ll}/u.test(parsed.title!));
}

/** `Idem, The Revolution Betrayed, p. 51`: the same author as the citation before, and a title (a page alone after it is an ibid.). */
const idemWithTitle = /^(?<lead>(?:(?:See|Cf\.)[ \u00A0]+)?[Ii]dem\.?,[ \u00A0]+)(?!(?:pp?\.|pages?|vol\.|volume)[ \u00A0]|\d)(?=\S)/u;

/** One note read as a citation in any of the note conventions known: the seed reviews' forms, then Chicago's; words after the citation (`Italics added.`) are the note's. */
export function parseNote(note: string, seedParser: (text: string) => ParsedCitation | undefined): ParsedCitation | undefined {
  const idem = idemWithTitle.exec(note);
  if (idem) {
    const lead = idem.groups!.lead!;
    const rest = parseNote(note.slice(lead.length), seedParser);
    // The rest is a title and a page, with no author of its own: the author is the one cited before.
    if (!rest?.title || rest.author || rest.kind === "ibid" || rest.kind === "op-cit") return undefined;
    const prefix = /^(?:See|Cf\.)/u.exec(lead)?.[0];
    return { ...rest, idem: true, ...(prefix ? { prefix } : {}), span: { start: rest.span.start + lead.length, end: rest.span.end + lead.length } };
  }
  const seed = seedParser(note);
  if (seed && !doubtful(seed)) return seed;
  const chicagoReading = parseChicagoNote(note);
  if (chicagoReading) return chicagoReading;
  // The first sentence alone: `Ibid., 77–78. Italics added.`
  const first = /^(.+?\.)\s+\p{Lu}/su.exec(note)?.[1];
  const shorter = first && first !== note ? seedParser(first) : undefined;
  if (shorter && !doubtful(shorter)) return shorter;
  return embeddedCitation(note);
}
