// Site furniture out of the body. Rules for known sites are data
// (sources/boilerplate.yaml); general detectors catch what no rule names:
// lines of `|`-separated links, and short lines repeated as captions. Credit
// lines are not lost: they move to the text's source note. Every line that
// goes is an info message at its raw line, so `edition check` lists them all.
import type { Paragraph, Root, RootContent } from "mdast";
import { soleText } from "./blocks.js";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import type { BoilerplateRules, SiteRules } from "../manifest/editorial-data-schema.js";
import { keepRanges, pointOfLine } from "../ingest/raw-position.js";

export interface BoilerplateOptions {
  rules: BoilerplateRules;
}

const source = "boilerplate";

/** A line of short link labels separated by `|`: `ISJ 2 Index | Main Newspaper Index`. */
export function isLinkLine(line: string): boolean {
  // A separator starts where a run of spaces starts (the lookbehind), so a long run is scanned once.
  const parts = line.split(/(?<!\s)\s+\|\s+/);
  return parts.length >= 2 && parts.every((part) => part.trim().split(/\s+/).length <= 6 && !/[.;:!?]$/.test(part.trim()));
}

/** Short enough to be a caption and not a sentence: no closing punctuation. */
function isShortLabel(line: string): boolean {
  return line.length <= 60 && line.split(/\s+/).length <= 8 && !/[.,;:!?]$/.test(line) && !/^\d/.test(line);
}

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
    },
  };
}

export const restoreBoilerplate: Plugin<[BoilerplateOptions], Root> = ({ rules }) => (tree, file) => {
  const recognised = rulesFor(rules, String(file.value));
  const site = recognised?.site;
  if (recognised) file.data.sites = recognised.names;
  file.data.sourceNote ??= [];

  // Captions: short labels that stand three times or more, or twice in a row.
  const counts = new Map<string, number>();
  for (const node of tree.children) {
    const text = soleText(node);
    for (const line of text?.value.split("\n") ?? []) if (isShortLabel(folded(line))) counts.set(folded(line), (counts.get(folded(line)) ?? 0) + 1);
  }
  const isRepeatedCaption = (line: string, linesOfBlock: string[]) =>
    isShortLabel(folded(line)) && ((counts.get(folded(line)) ?? 0) >= 3 || (linesOfBlock.length > 1 && linesOfBlock.every((other) => folded(other) === folded(line))));

  const kept: RootContent[] = [];
  let first = true;
  let ended = false;
  for (const node of tree.children) {
    const text = soleText(node);
    if (node.type !== "paragraph" || !text) {
      kept.push(node);
      continue;
    }
    if (site && matchesAny(site.paragraphs, text.value)) {
      note(file, node, 0, "removed a paragraph of site furniture", text.value, "boilerplate-paragraph");
      continue;
    }
    const lines = text.value.split("\n");
    const keptLines: string[] = [];
    const keptRanges: [number, number][] = [];
    let lineAt = 0;
    lines.forEach((rawLine, lineIndex) => {
      const lineStart = lineAt;
      lineAt += rawLine.length + 1;
      let line = rawLine.trim();
      // The text's first line is its title; the structure stage reads it.
      const isTitleLine = first && lineIndex === 0;
      if (site && !ended && matchesAny(site.endsBefore, line)) ended = true;
      if (ended) return note(file, node, lineIndex, "removed the site furniture that follows the text", line, "boilerplate-after-end");
      if (site && matchesAny(site.remove, line)) return note(file, node, lineIndex, "removed site furniture", line, "boilerplate-site");
      if (site && matchesAny(site.credits, line)) {
        file.data.sourceNote!.push({ text: line, line: pointOfLine(file, soleText(node)!, lineIndex)?.line ?? 0 });
        return note(file, node, lineIndex, "moved a credit line to the source note", line, "boilerplate-credit");
      }
      if (isLinkLine(line)) return note(file, node, lineIndex, "removed a line of links", line, "boilerplate-link-line");
      if (!isTitleLine && isRepeatedCaption(line, lines)) return note(file, node, lineIndex, "removed a repeated caption", line, "boilerplate-caption");
      const trailing = site && lineIndex === lines.length - 1 ? matchesAny(site.trailing, line) : undefined;
      if (trailing) {
        const cut = new RegExp(trailing, "u").exec(line)!;
        note(file, node, lineIndex, "cut site furniture from the end of a paragraph", cut[0].trim(), "boilerplate-trailing");
        line = line.slice(0, cut.index).trimEnd();
        if (!line) return;
      }
      keptLines.push(rawLine === line ? rawLine : line);
      const from = rawLine === line ? lineStart : lineStart + rawLine.length - rawLine.trimStart().length;
      keptRanges.push([from, from + (rawLine === line ? rawLine : line).length]);
    });
    first = false;
    if (keptLines.length === 0) continue;
    if (keptLines.length !== lines.length || keptLines.some((line, index) => line !== lines[index])) {
      keepRanges(file, text, keptRanges, "\n");
    }
    kept.push(node);
  }
  tree.children = kept;
};

function note(file: VFile, node: Paragraph, lineIndex: number, reason: string, line: string, ruleId: string): void {
  file.info(`${reason}: \`${line}\``, { place: pointOfLine(file, soleText(node)!, lineIndex), ruleId, source });
}
