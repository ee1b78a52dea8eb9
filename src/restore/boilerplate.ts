// Site furniture out of the body. Rules for known sites are data
// (sources/boilerplate.yaml) and are not limited. Two generic detectors catch
// what no site rule names, each only on positive evidence: a line of links
// (short items between `|` or `·`, naming navigation words or other texts'
// titles; a row of cells with numbers is a table, not links) and an image's
// caption (beside an image marker, or doubled as an image's alt text and its
// caption, or the verbatim text of such a caption on a line of its own; a
// line repeated under several documents is a signature and stays). A generic
// rule that would take more than a few lines or words from one text takes
// nothing and warns, unless the edition's data confirms it for the site or
// text (`confirms`). Credit lines move to the text's source note. Every line
// that goes is an info message at its raw line and a record for the word
// ledger (removals.ts).
import type { Paragraph, Root, RootContent } from "mdast";
import { soleText } from "./blocks.js";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import type { BoilerplateRules, SiteRules } from "../manifest/editorial-data-schema.js";
import { keepRanges, pointOfLine } from "../ingest/raw-position.js";
import { recordRemoval, toSourceNote, wordsOf } from "./removals.js";

export interface BoilerplateOptions {
  rules: BoilerplateRules;
  /** The titles of the edition's texts: a line of links may name them. */
  titles?: string[];
  /** Words of site navigation (`index`, `home`, `archive`), lower case: the lexicon's `navigationWords`. */
  navigationWords?: string[];
  /** A generic rule's budget in one text, past which it needs the data's confirmation. */
  maxLines?: number;
  maxWords?: number;
}

const source = "boilerplate";
type GenericRule = "boilerplate-link-line" | "boilerplate-caption";

/** Used when no lexicon is given (fixtures): the commonest navigation words. */
const defaultNavigation = ["index", "home", "contents", "archive", "archives", "top", "next", "previous", "back", "main", "menu", "search"];

/** The items of a line split at ` | ` or ` · ` (a separator starts where a run of spaces starts, so a long run is scanned once). */
const itemsOf = (line: string) => line.split(/(?<!\s)\s+[|·]\s+/u).map((part) => part.trim());

/**
 * A line of short link labels between `|` or `·`: `Journal Index | Main Archive`.
 * Each item is short and no sentence; none is a number or a cell (a table's
 * row starts or ends with `|`); at least half name a navigation word or
 * another text's title.
 */
export function isLinkLine(line: string, navigation: Iterable<string> = defaultNavigation, titles: string[] = []): boolean {
  if (/^[|·]|[|·]$/u.test(line)) return false;
  const items = itemsOf(line);
  if (items.length < 2) return false;
  if (!items.every((item) => item && item.split(/\s+/).length <= 6 && !/[.;:!?]$/.test(item) && /\p{L}/u.test(item) && !/^[\p{N}\p{P}\p{S}\s]+$/u.test(item))) return false;
  const words = new Set(navigation);
  const folded = titles.map((title) => wordsOf(title).join(" ")).filter(Boolean);
  const linkLike = items.filter((item) => wordsOf(item).some((word) => words.has(word)) || folded.includes(wordsOf(item).join(" ")));
  return linkLike.length * 2 >= items.length;
}

/** Short enough to be a caption and not a sentence: no closing punctuation. */
function isShortLabel(line: string): boolean {
  return line.length > 0 && line.length <= 60 && line.split(/\s+/).length <= 8 && !/[.,;:!?]$/.test(line) && !/^\d/.test(line);
}

/** An image marker standing as a line: `[Image]`, `[Illustration: …]`, `![alt](…)`, `photo.jpg`. */
const imageMarker = /^(?:\[(?:Image|Illustration|Photo(?:graph)?|Picture|Figure|Fig\.|Graphic|Portrait|Plate)\b[^\]]*\]|!\[[^\]]*\]\([^)]*\)|\S+\.(?:jpe?g|png|gif|svg|webp|tiff?))$/iu;

/** A line with its spaces folded, so `Leon Trotsky  by X` and `Leon Trotsky by X` are one caption. */
const folded = (line: string) => line.trim().replace(/\s+/g, " ");

const matchesAny = (patterns: string[], text: string) => patterns.find((pattern) => new RegExp(pattern, "u").test(text));

/** The sites whose `recognise` patterns match a line of the raw text. */
export function recognisedSites(rules: BoilerplateRules, raw: string): SiteRules[] {
  const lines = raw.split(/\r?\n/).map((line) => line.trim());
  return rules.sites.filter((site) => lines.some((line) => matchesAny(site.recognise, line)));
}

/** The rules of every site that recognises the text, merged. */
function rulesFor(rules: BoilerplateRules, raw: string): { names: string[]; site: Omit<SiteRules, "site" | "recognise" | "excerpts"> } | undefined {
  const sites = recognisedSites(rules, raw);
  if (!sites.length) return undefined;
  return {
    names: sites.map((site) => site.site),
    site: {
      remove: sites.flatMap((site) => site.remove),
      credits: sites.flatMap((site) => site.credits),
      trailing: sites.flatMap((site) => site.trailing),
      paragraphs: sites.flatMap((site) => site.paragraphs),
      endsBefore: sites.flatMap((site) => site.endsBefore),
      confirms: sites.flatMap((site) => site.confirms ?? []),
    },
  };
}

/** What happens to one line: kept, or taken by a rule. */
interface LineAction {
  rule: string;
  reason: string;
  /** Moved to the source note. */
  credit?: boolean;
  /** Only the end of the line is cut: the kept start. */
  keep?: string;
  cut?: string;
}

export const restoreBoilerplate: Plugin<[BoilerplateOptions], Root> =
  ({ rules, titles = [], navigationWords = defaultNavigation, maxLines = 4, maxWords = 30 }) =>
  (tree, file) => {
    const recognised = rulesFor(rules, String(file.value));
    const site = recognised?.site;
    if (recognised) file.data.sites = recognised.names;
    file.data.sourceNote ??= [];
    const navigation = new Set(navigationWords);
    const confirmed = new Set<string>([...(site?.confirms ?? []), ...(rules.texts ?? []).filter((entry) => entry.text === file.data.textId).flatMap((entry) => entry.confirms)]);

    const blocks = tree.children.map((node) => {
      const text = node.type === "paragraph" ? soleText(node) : undefined;
      return text ? { node: node as Paragraph, text, lines: text.value.split("\n") } : undefined;
    });
    const captions = captionLines(blocks.map((block) => block?.lines));

    // Plan every line's fate first: a generic rule's budget is over the whole text.
    const paragraphRemoved = new Set<number>();
    const actions: (LineAction | undefined)[][] = blocks.map((block) => (block ? block.lines.map(() => undefined) : []));
    let first = true;
    let ended = false;
    blocks.forEach((block, blockIndex) => {
      if (!block) return;
      if (site && matchesAny(site.paragraphs, block.text.value)) {
        paragraphRemoved.add(blockIndex);
        return;
      }
      block.lines.forEach((rawLine, lineIndex) => {
        const line = rawLine.trim();
        const isTitleLine = first && lineIndex === 0;
        const set = (action: LineAction) => (actions[blockIndex]![lineIndex] = action);
        if (site && !ended && matchesAny(site.endsBefore, line)) ended = true;
        if (ended) return set({ rule: "boilerplate-after-end", reason: "removed the site furniture that follows the text" });
        if (site && matchesAny(site.remove, line)) return set({ rule: "boilerplate-site", reason: "removed site furniture" });
        if (site && matchesAny(site.credits, line)) return set({ rule: "boilerplate-credit", reason: "moved a credit line to the source note", credit: true });
        if (isLinkLine(line, navigation, titles)) return set({ rule: "boilerplate-link-line", reason: "removed a line of links" });
        if (!isTitleLine && captions.has(`${blockIndex}:${lineIndex}`)) return set({ rule: "boilerplate-caption", reason: "removed an image caption" });
        const trailing = site && lineIndex === block.lines.length - 1 ? matchesAny(site.trailing, line) : undefined;
        if (trailing) {
          const cut = new RegExp(trailing, "u").exec(line)!;
          set({ rule: "boilerplate-trailing", reason: "cut site furniture from the end of a paragraph", keep: line.slice(0, cut.index).trimEnd(), cut: cut[0].trim() });
        }
      });
      first = false;
    });

    withinBudget(file, blocks, actions, confirmed, maxLines, maxWords);

    const kept: RootContent[] = [];
    tree.children.forEach((node, blockIndex) => {
      const block = blocks[blockIndex];
      if (!block) return void kept.push(node);
      if (paragraphRemoved.has(blockIndex)) {
        const place = pointOfLine(file, block.text, 0);
        file.info(`removed a paragraph of site furniture: \`${block.text.value}\``, { place, ruleId: "boilerplate-paragraph", source });
        recordRemoval(file, { rule: "boilerplate-paragraph", line: place?.line ?? 0, endLine: (place?.line ?? 0) + block.lines.length - 1, text: block.text.value });
        return;
      }
      const keptLines: string[] = [];
      const keptRanges: [number, number][] = [];
      let lineAt = 0;
      block.lines.forEach((rawLine, lineIndex) => {
        const lineStart = lineAt;
        lineAt += rawLine.length + 1;
        let line = rawLine.trim();
        const action = actions[blockIndex]![lineIndex];
        if (action) {
          const shown = action.cut ?? line;
          const place = pointOfLine(file, block.text, lineIndex);
          file.info(`${action.reason}: \`${shown}\``, { place, ruleId: action.rule, source });
          recordRemoval(file, { rule: action.rule, line: place?.line ?? 0, endLine: place?.line ?? 0, text: shown, ...(action.credit ? { moved: toSourceNote } : {}) });
          if (action.credit) file.data.sourceNote!.push({ text: line, line: place?.line ?? 0 });
          if (action.keep === undefined) return;
          line = action.keep;
          if (!line) return;
        }
        keptLines.push(rawLine === line ? rawLine : line);
        const from = rawLine === line ? lineStart : lineStart + rawLine.length - rawLine.trimStart().length;
        keptRanges.push([from, from + (rawLine === line ? rawLine : line).length]);
      });
      if (keptLines.length === 0) return;
      if (keptLines.length !== block.lines.length || keptLines.some((line, index) => line !== block.lines[index])) {
        keepRanges(file, block.text, keptRanges, "\n");
      }
      kept.push(node);
    });
    tree.children = kept;
  };

/**
 * The lines (`block:line`) that are an image's caption by positive evidence:
 * a short label right beside an image marker (in its block, or a one-line
 * block next to a marker's block); a block that is one short label doubled
 * (an image's alt text and its caption, spaces folded); a one-line block
 * that is, verbatim, the text of such a caption.
 */
function captionLines(blocks: (string[] | undefined)[]): Set<string> {
  const found = new Set<string>();
  const texts = new Set<string>();
  const add = (block: number, line: number) => {
    found.add(`${block}:${line}`);
    texts.add(folded(blocks[block]![line]!));
  };
  const isMarkerBlock = (block: number) => blocks[block]?.length === 1 && imageMarker.test(blocks[block]![0]!.trim());
  blocks.forEach((lines, block) => {
    if (!lines) return;
    lines.forEach((line, index) => {
      if (!isShortLabel(folded(line)) || imageMarker.test(line.trim())) return;
      const besideMarker = [lines[index - 1], lines[index + 1]].some((other) => other !== undefined && imageMarker.test(other.trim()));
      const blockBeside = lines.length === 1 && (isMarkerBlock(block - 1) || isMarkerBlock(block + 1));
      const doubled = lines.length === 2 && folded(lines[0]!) === folded(lines[1]!);
      if (besideMarker || blockBeside || doubled) add(block, index);
    });
  });
  blocks.forEach((lines, block) => {
    if (lines?.length === 1 && texts.has(folded(lines[0]!))) found.add(`${block}:0`);
  });
  return found;
}

/** Each generic rule over its budget in this text, and not confirmed by the data, keeps every line it would take, with a warning. */
function withinBudget(
  file: VFile,
  blocks: ({ text: import("mdast").Text; lines: string[] } | undefined)[],
  actions: (LineAction | undefined)[][],
  confirmed: Set<string>,
  maxLines: number,
  maxWords: number,
): void {
  for (const rule of ["boilerplate-link-line", "boilerplate-caption"] as GenericRule[]) {
    const taken: { block: number; line: number }[] = [];
    actions.forEach((lines, block) => lines.forEach((action, line) => action?.rule === rule && taken.push({ block, line })));
    if (!taken.length) continue;
    const words = taken.reduce((sum, { block, line }) => sum + wordsOf(blocks[block]!.lines[line]!).length, 0);
    if ((taken.length <= maxLines && words <= maxWords) || confirmed.has(rule)) continue;
    const rawLines = taken.map(({ block, line }) => pointOfLine(file, blocks[block]!.text, line)?.line ?? 0);
    file.message(
      `rule \`${rule}\` would remove ${taken.length} lines (${words} words) from this text, more than its budget of ${maxLines} lines and ${maxWords} words without the edition's confirmation: lines ${rawLines.join(", ")}; kept. If they are furniture, confirm it in boilerplate.yaml (\`confirms: [${rule}]\` for the site, or a \`texts\` entry)`,
      { place: pointOfLine(file, blocks[taken[0]!.block]!.text, taken[0]!.line), ruleId: rule, source },
    );
    for (const { block, line } of taken) actions[block]![line] = undefined;
  }
}
