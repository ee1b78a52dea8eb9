// Titles of works in italics. The scrapes lost their italics, so a book or a
// periodical the texts name (*The Revolution Betrayed*, *Pravda*) stood in
// roman, while the works cited set it in italics. The edition knows a work
// from its works cited (a book's title, an article's periodical) and from the
// `works` list of its lexicon (works named but never cited, periodicals
// among them); each of its titles is set as `<cite>` wherever it stands in
// the book: body, notes, headings, front and back matter. The works cited
// itself is left to its style. A one-word title is taken only from the
// lexicon's list (a works-cited `Stalin` must not italicise the man), and a
// name mention is never a title.
//
// A run of capitalised words after "his book", "the newspaper"… that matches
// no known work is reported as a candidate, for the editors to add or ignore.
import type { Element, ElementContent, Root, Text } from "hast";
import type { VFile } from "vfile";
import type { CslItem } from "../citations/works.js";
import { divisionOf, type Division } from "./division.js";
import { hasClass } from "./schema.js";
import { Memo, memoKey } from "../watch/render-memo.js";

/** Where the known titles stand in a text, kept by the titles and the text: most of a rebuild's texts are the last build's. */
export const titleMatches = new Memo<number[]>("work-title-matches", 16 * 1024 * 1024, (ends) => 8 * ends.length + 16);

/** The element a title is set in, and its class (so styles and tests can find the titles this stage set). */
export const workTitleClass = "work-title";

/** CSL types whose title is italic in the house style (a book, a film…); an article's or chapter's title is quoted, its container italic. */
const italicTypes = new Set(["book", "thesis", "report", "motion_picture", "periodical", "manuscript", "pamphlet"]);

/**
 * A book is also named by its subtitle alone (`Volume III, Fighting the Rising
 * Stalinist Bureaucracy` for `Trotsky, 1923–1927: Fighting the Rising
 * Stalinist Bureaucracy`): a subtitle of three words or more, so no common
 * phrase is taken for a title.
 */
function subtitle(title: string): string[] {
  const after = /:\s+(.+)$/.exec(title.trim())?.[1]?.trim();
  return after && after.split(/\s+/).length >= 3 ? [after] : [];
}

/** The titles the edition knows, longest first (so `The Revolution Betrayed` wins over a shorter title inside it). */
export function knownWorkTitles(works: CslItem[], listed: string[] = []): string[] {
  const fromWorks = works.flatMap((item) => [
    ...(italicTypes.has(String(item.type)) && item.title ? [item.title, ...subtitle(item.title)] : []),
    ...(item["container-title"] ? [item["container-title"]] : []),
  ]);
  const titles = new Set([...fromWorks.filter((title) => /\s/.test(title.trim())), ...listed].map((title) => title.trim()).filter(Boolean));
  return [...titles].sort((a, b) => b.length - a.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A title as it stands in running text: as written (`My Life`, never the phrase `my life`), with either apostrophe. */
const titlePattern = (title: string) => escape(title).replace(/['’]/g, "['’]");

const skippedTags = new Set(["cite", "i", "em", "code", "script", "style", "a"]);
/** A link is left alone, but a note's link to the work it cites (`a.work-ref`), whose words are the work's title. */
const skipped = (node: Element) => (skippedTags.has(node.tagName) && !(node.tagName === "a" && hasClass(node, "work-ref"))) || hasClass(node, "name-mention");

export interface WorkTitlesOptions {
  titles: string[];
  /** Each division's vfile, for the candidates' messages at their raw places. */
  fileOf?: (division: Division) => VFile | undefined;
  /** Words after which a capitalised run names a work (`book`, `newspaper`); none: no candidates are reported. */
  cueWords?: string[];
}

/** Wrap every known title in the book's text in `<cite class="work-title">`; report candidate titles that match none. */
export function markWorkTitles(book: Root, options: WorkTitlesOptions): { marked: number; candidates: string[] } {
  const pattern = options.titles.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${options.titles.map(titlePattern).join("|")})(?![\\p{L}\\p{N}])`, "gu") : undefined;
  const capitalised = "[\\p{Lu}][\\p{L}’'-]*";
  const small = "(?:of|the|and|in|on|a|an|to|for|from|at)";
  const cue = options.cueWords?.length
    ? new RegExp(`(?<![\\p{L}])(?:${options.cueWords.map(escape).join("|")}),?\\s+(${capitalised}(?:\\s+(?:${small}\\s+)*${capitalised}){0,7})`, "gu")
    : undefined;
  const known = new Set(options.titles.map((title) => title.toLowerCase()));
  const titles = titleMatches.useContext(pattern ? memoKey(pattern.source) : "");
  let marked = 0;
  const candidates: string[] = [];

  const walk = (parent: Element | Root, division: Division | undefined): void => {
    parent.children = (parent.children as ElementContent[]).flatMap((child): ElementContent[] => {
      if (child.type === "element") {
        const own = divisionOf(child) ?? division;
        if (own?.id !== "bibliography" && !skipped(child)) walk(child, own);
        return [child];
      }
      if (child.type !== "text") return [child];
      if (cue && division?.part === "body") reportCandidates(child, division, cue, known, options, candidates);
      return pattern ? splitTitles(child, titles.through(child.value, () => matchesOf(child.value, pattern)), () => marked++) : [child];
    }) as never;
  };
  walk(book, undefined);
  return { marked, candidates };
}

/** Each match of `pattern` in `value` as its start and end. */
function matchesOf(value: string, pattern: RegExp): number[] {
  return [...value.matchAll(pattern)].flatMap((match) => [match.index, match.index + match[0].length]);
}

function splitTitles(node: Text, matches: number[], count: () => void): ElementContent[] {
  if (!matches.length) return [node];
  const parts: ElementContent[] = [];
  let cursor = 0;
  for (let at = 0; at < matches.length; at += 2) {
    const [start, end] = [matches[at]!, matches[at + 1]!];
    if (start > cursor) parts.push({ type: "text", value: node.value.slice(cursor, start) });
    parts.push({ type: "element", tagName: "cite", properties: { className: [workTitleClass] }, children: [{ type: "text", value: node.value.slice(start, end) }] });
    cursor = end;
    count();
  }
  if (cursor < node.value.length) parts.push({ type: "text", value: node.value.slice(cursor) });
  return parts;
}

function reportCandidates(node: Text, division: Division, cue: RegExp, known: Set<string>, options: WorkTitlesOptions, candidates: string[]): void {
  for (const match of node.value.matchAll(cue)) {
    const title = match[1]!;
    if (known.has(title.toLowerCase())) continue;
    candidates.push(title);
    const file = options.fileOf?.(division);
    file?.info(`\`${title}\` may be the title of a work, set in roman; add it to the lexicon's \`works\` to set it in italics`, {
      ...(node.position ? { place: node.position } : {}),
      ruleId: "titles-unknown",
      source: "titles",
    });
  }
}
