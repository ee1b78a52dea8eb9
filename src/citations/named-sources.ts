// The sources of quoted excerpts, where the text names them: the head of a
// numbered source excerpt (`(1) Leon Trotsky, My Life: An Attempt at an
// Autobiography (1930)`, `(15) George Seldes wrote … in his book You Can't
// Print That! (1929)`), and in the running text the work a quotation is
// introduced by (`Robert V. Daniels, the author of Red October (1967)`,
// `Roy A. Medvedev, has argued in Let History Judge (1971):`). A title is
// only taken where a year in brackets closes it, and an author only where
// a name stands: a head that names a letter, a speech or an order (`Leon
// Trotsky, statement made to …`) is no work and is left alone.
import { personName, type ParsedCitation } from "./parse-citation.js";

const space = "[ \\u00A0]";
const namePart = "\\p{Lu}(?:[\\p{Ll}’'-]+|\\.)";
/** `Leon Trotsky`, `J. T. Murphy`, `C. L. R. James`, `Robert V. Daniels`: two to five capitalised words or initials. */
const fullName = `${namePart}(?:${space}?${namePart}){1,4}`;
/** A title: starts with a capital (or a quote) and holds no sentence end. */
const title = `[\\p{Lu}“"‘'][^()]{0,200}?`;
const date = `\\((?<date>[^()]{0,30}?(?<year>1[5-9]\\d\\d|20\\d\\d))\\)`;

const excerptHeads = [
  new RegExp(`^(?:\\(\\d+\\)${space}+)?(?<author>${fullName})${space}*,${space}+(?<title>${title})${space}+${date}\\.?$`, "u"),
  new RegExp(`^(?:\\(\\d+\\)${space}+)?(?<author>${fullName})\\b[^()]*?${space}in${space}+(?:his|her|their)${space}+(?:book|autobiography|memoirs?)${space}*,?${space}+(?<title>${title})${space}+${date}\\.?$`, "u"),
];

const introductions = [
  new RegExp(`(?<author>${fullName}),?${space}+the${space}+author${space}+of${space}+(?<title>${title})${space}+${date}`, "gu"),
  new RegExp(`(?<author>${fullName}|\\p{Lu}[\\p{Ll}’'-]+),?(?:${space}+(?:has|had|and|also|agreed|then|later)){0,3}${space}+(?:argued|written|wrote|explained|commented|pointed${space}+out|claimed)${space}+in${space}+(?<title>${title})${space}+${date}`, "gu"),
];

export interface NamedSource {
  parsed: ParsedCitation;
  /** A date finer than a year (`4th January, 1937`): an article, a letter or an issue, not a book. As CSL date parts. */
  date?: number[];
  /** Offsets of the title in the text given. */
  start: number;
  end: number;
}

const monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** `4th January, 1937` → [1937, 1, 4]; `July, 1938` → [1938, 7]; a year alone → undefined. */
function finerDate(date: string): number[] | undefined {
  const match = /^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(\p{L}+),?\s+(\d{4})$/u.exec(date.trim());
  const month = match ? monthNames.indexOf(match[2]!.toLowerCase()) + 1 : 0;
  if (!match || !month) return undefined;
  return match[1] ? [Number(match[3]), month, Number(match[1])] : [Number(match[3]), month];
}

function named(match: RegExpExecArray, offset = 0): NamedSource | undefined {
  const groups = match.groups!;
  const workTitle = groups.title!.trim().replace(/[,:]$/, "");
  // A title of one lower-case-led phrase, or a run of words with a sentence inside, is not a work's title.
  if (/[.!?]\s+\p{Lu}/u.test(workTitle.replace(/\b\p{Lu}\.\s/gu, "")) || workTitle.split(/\s+/).length > 16) return undefined;
  const start = offset + match.index + match[0].indexOf(workTitle, match[0].indexOf(groups.author!) + groups.author!.length);
  // A sentence's first word is no part of the name (`As Robert V. Daniels, the author of …`).
  const author = groups.author!.replace(/^(?:As|According|To|The|In|When|While|But|And|So|Then|Historian|Writer)\s+/u, "");
  if (!/\s/.test(author) && author !== groups.author) return undefined;
  const parsed: ParsedCitation = { kind: "full", author: personName(author), title: workTitle, year: groups.year, span: { start: 0, end: 0 } };
  const date = finerDate(groups.date!);
  return { parsed, start, end: start + workTitle.length, ...(date ? { date } : {}) };
}

/** The work the head of a source excerpt names, or undefined. */
export function readExcerptHead(head: string): NamedSource | undefined {
  for (const pattern of excerptHeads) {
    const match = pattern.exec(head.trim());
    if (match) return named(match, head.length - head.trimStart().length);
  }
  return undefined;
}

/** The works a run of text names as the source of what it quotes. */
export function findIntroducedSources(text: string): NamedSource[] {
  const found: NamedSource[] = [];
  for (const pattern of introductions) {
    for (const match of text.matchAll(pattern)) {
      const source = named(match as RegExpExecArray);
      if (source && !found.some((other) => other.start < source.end && source.start < other.end)) found.push(source);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
