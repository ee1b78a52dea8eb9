// The furniture of a kind of source (a digital library ebook's header and
// licence, a wiki dump's image residue and category lines), removed by the
// project's rules for that kind (rules/*.yaml, as data). A kind's rules apply
// to a text only when the text's own lines show the kind's evidence, never
// by its file name or site. Each rule has a budget: when all it would remove
// in a text is more than its share of the text's words (or its number of
// words), it removes nothing and a warning says so. Every removal is an info
// message over its raw line range with the rule's id; a credit block moves to
// the source note.
import type { Paragraph, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import type { Position } from "unist";
import type { VFile } from "vfile";
import type { RuleBudget, SourceKindRules } from "../manifest/source-rules.js";
import { keepRanges, pointIn } from "../ingest/raw-position.js";
import { soleText } from "./blocks.js";
import { recordRemoval, toSourceNote } from "./removals.js";

export type SourceMetadata = Partial<Record<"title" | "author" | "language" | "date", string>>;

declare module "vfile" {
  interface DataMap {
    /** The kinds of source whose evidence the text shows (source-furniture). */
    sourceKinds: string[];
    /** Metadata the text's own lines give (`Title: …` in an ebook's header), by the kind's `metadata` patterns (source-furniture). */
    sourceMetadata: SourceMetadata;
  }
}

export interface SourceFurnitureOptions {
  /** The kinds of source in use (rules/*.yaml, compiled); none: the plugin does nothing. */
  kinds?: SourceKindRules[];
}

interface Block {
  node: Paragraph;
  text: Text;
  /** Each line's start in the text's value, its raw form and its trimmed form. */
  starts: number[];
  raw: string[];
  trimmed: string[];
}

/** A top-level node: a block of plain lines, or any other node (kept as it is). */
type Unit = Block | undefined;

interface LineRef {
  block: number;
  line: number;
}

type AnyRule = RuleBudget;

interface Claim {
  rule: AnyRule;
  action: "remove" | "credit";
  lines: LineRef[];
}

interface Cut {
  rule: AnyRule;
  ref: LineRef;
  start: number;
  end: number;
}

interface Plan {
  claims: Claim[];
  cuts: Cut[];
  /** The claim of each line, by block then line. */
  owner: (Claim | undefined)[][];
}

const wordCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;

export const restoreSourceFurniture: Plugin<[SourceFurnitureOptions?], Root> =
  ({ kinds = [] } = {}) =>
  (tree, file) => {
    if (!kinds.length) return;
    // Budgets are shares of the text as it came: its words before any kind's rules.
    let totalWords: number | undefined;

    for (const kind of kinds) {
      // The evidence is looked for line by line in the tree as it is (after an earlier kind's removals); the blocks are split into lines only for a kind that applies.
      const evidence = evidenceOf(kind, tree);
      if (!evidence) continue;
      const units: Unit[] = tree.children.map(blockOf);
      const blocks = units.filter((unit): unit is Block => unit !== undefined);
      totalWords ??= blocks.reduce((sum, block) => sum + block.trimmed.reduce((words, line) => words + wordCount(line), 0), 0);
      (file.data.sourceKinds ??= []).push(kind.kind);
      file.info(`the text shows the evidence of a ${kind.name} (\`${evidence.line}\`): the rules of rules/${kind.kind}.yaml apply`, {
        place: pointIn(file, evidence.text, evidence.index),
        ruleId: "source-kind",
        source: kind.kind,
      });
      readMetadata(kind, blocks, file);

      // Plan with every rule, then again without those over their budget, until none is.
      const withheld = new Set<AnyRule>();
      let plan = planRemovals(kind, units, withheld);
      for (;;) {
        const over = overBudget(plan, units, totalWords!, file).filter(({ rule }) => !withheld.has(rule));
        if (!over.length) break;
        for (const { rule, words, lines, first } of over) {
          withheld.add(rule);
          const share = ((100 * words) / Math.max(totalWords!, 1)).toFixed(1);
          const limit = `at most ${Math.round(rule.maxShare * 100)} %${rule.maxWords === undefined ? "" : ` and ${rule.maxWords} words`}`;
          file.message(`rule \`${rule.id}\` of rules/${kind.kind}.yaml would remove ${rule.what}: ${words} words on ${lines} line${lines === 1 ? "" : "s"} (${share} % of the text), more than its budget (${limit}); not applied, nothing removed by it`, {
            place: first,
            ruleId: rule.id,
            source: kind.kind,
          });
        }
        plan = planRemovals(kind, units, withheld);
      }
      report(plan, units, file, kind);
      apply(plan, units, file);
      tree.children = tree.children.filter((_, index) => !units[index] || units[index]!.text.value.trim().length > 0);
    }
  };

function blockOf(node: RootContent): Block | undefined {
  const text = soleText(node);
  if (!text) return undefined;
  const raw = text.value.split("\n");
  const starts: number[] = [];
  let at = 0;
  for (const line of raw) {
    starts.push(at);
    at += line.length + 1;
  }
  return { node: node as Paragraph, text, starts, raw, trimmed: raw.map((line) => line.trim()) };
}

/** The first line that is evidence of the kind (its text node and index there), when the text shows all its evidence; undefined when it does not. */
function evidenceOf(kind: SourceKindRules, tree: Root): { text: Text; index: number; line: string } | undefined {
  const { all, any, atLeast } = kind.evidence;
  const found = all.map(() => false);
  let missing = all.length;
  let anyCount = 0;
  let first: { text: Text; index: number; line: string } | undefined;
  for (const node of tree.children) {
    const text = soleText(node);
    if (!text) continue;
    const value = text.value;
    for (let start = 0; start <= value.length; ) {
      const stop = value.indexOf("\n", start);
      const end = stop < 0 ? value.length : stop;
      const line = value.slice(start, end).trim();
      let matched = false;
      all.forEach((pattern, i) => {
        if (!found[i] && pattern.test(line)) {
          matched = found[i] = true;
          missing--;
        }
      });
      if (any.length && anyCount < atLeast && any.some((pattern) => pattern.test(line))) {
        anyCount++;
        matched = true;
      }
      if (matched) first ??= { text, index: start, line };
      if (missing === 0 && (any.length === 0 || anyCount >= atLeast)) return first;
      start = end + 1;
    }
  }
  return undefined;
}

function readMetadata(kind: SourceKindRules, blocks: Block[], file: VFile): void {
  for (const [field, pattern] of Object.entries(kind.metadata) as [keyof SourceMetadata, RegExp][]) {
    for (const line of blocks.flatMap((block) => block.trimmed)) {
      const value = pattern.exec(line)?.[1]?.trim();
      if (value) {
        (file.data.sourceMetadata ??= {})[field] ??= value;
        break;
      }
    }
  }
}

/** What each rule not withheld would remove, in rule order: regions, blocks, lines, sections, cuts, then empty headings (which see the rest). */
function planRemovals(kind: SourceKindRules, units: Unit[], withheld: Set<AnyRule>): Plan {
  const owner = units.map((unit) => (unit ? unit.raw.map(() => undefined) : [])) as (Claim | undefined)[][];
  const claims: Claim[] = [];
  const cuts: Cut[] = [];
  const active = <T extends AnyRule>(rules: T[]) => rules.filter((rule) => !withheld.has(rule));
  const free = (ref: LineRef) => owner[ref.block]![ref.line] === undefined;
  const claim = (rule: AnyRule, refs: LineRef[], action: Claim["action"] = "remove") => {
    const lines = refs.filter(free);
    if (!lines.length) return;
    const made: Claim = { rule, action, lines };
    for (const ref of lines) owner[ref.block]![ref.line] = made;
    claims.push(made);
  };
  const linesOf = (from: number, to: number): LineRef[] => {
    const refs: LineRef[] = [];
    for (let block = from; block <= to; block++) units[block]?.raw.forEach((_, line) => refs.push({ block, line }));
    return refs;
  };
  const allLines = linesOf(0, units.length - 1);
  const trimmedAt = (ref: LineRef) => units[ref.block]!.trimmed[ref.line]!;
  const isOneLine = (index: number) => units[index]?.trimmed.length === 1;

  for (const rule of active(kind.regions)) {
    let at = 0;
    while (at < allLines.length) {
      const start = rule.from ? allLines.findIndex((ref, index) => index >= at && rule.from!.test(trimmedAt(ref))) : at === 0 ? 0 : -1;
      if (start < 0) break;
      const end = rule.to ? allLines.findIndex((ref, index) => index > start && rule.to!.test(trimmedAt(ref))) : allLines.length - 1;
      if (end < 0) break;
      claim(rule, allLines.slice(start, end + 1));
      at = end + 1;
    }
  }

  for (const rule of active(kind.blocks)) {
    for (let index = 0; index < units.length; index++) {
      const unit = units[index];
      if (!unit || !rule.first.test(unit.trimmed[0]!)) continue;
      let last = index;
      if (rule.through) {
        last = -1;
        for (let next = index; next < Math.min(units.length, index + rule.maxBlocks); next++) {
          const candidate = units[next];
          if (!candidate) break;
          if (rule.through.test(candidate.trimmed.at(-1)!)) {
            last = next;
            break;
          }
        }
        if (last < 0) continue;
      }
      const lines = linesOf(index, last);
      if (rule.maxLines !== undefined && lines.length > rule.maxLines) continue;
      claim(rule, lines, rule.action);
      index = last;
    }
  }

  for (const rule of active(kind.lines)) {
    let previous: LineRef | undefined;
    for (const ref of allLines) {
      if (!free(ref) || !rule.pattern.test(trimmedAt(ref))) continue;
      const run = previous && previous.block === ref.block && previous.line === ref.line - 1 ? claims.at(-1) : undefined;
      if (run && run.rule === rule) {
        run.lines.push(ref);
        owner[ref.block]![ref.line] = run;
      } else claim(rule, [ref]);
      previous = ref;
    }
  }

  for (const rule of active(kind.sections)) {
    for (let index = 0; index < units.length; index++) {
      if (!isOneLine(index) || !rule.heading.test(units[index]!.trimmed[0]!) || !free({ block: index, line: 0 })) continue;
      let last = index;
      // Every line an item, or an item's indented continuation.
      const isList = (unit: Block, block: number) => unit.trimmed.every((line, i) => (rule.items.test(line) || (i > 0 && /^\s/u.test(unit.raw[i]!))) && free({ block, line: i }));
      while (units[last + 1] && isList(units[last + 1]!, last + 1)) last++;
      if (last > index) claim(rule, linesOf(index, last));
      index = last;
    }
  }

  for (const rule of active(kind.cuts)) {
    for (const ref of allLines) {
      if (!free(ref)) continue;
      const block = units[ref.block]!;
      const line = block.raw[ref.line]!;
      const spans = [...line.matchAll(rule.pattern)].filter((match) => match[0].length > 0);
      const taken = cuts.filter((cut) => cut.ref.block === ref.block && cut.ref.line === ref.line);
      for (const match of spans) {
        const start = block.starts[ref.line]! + match.index;
        const end = start + match[0].length;
        if (taken.some((cut) => start < cut.end && cut.start < end)) continue;
        cuts.push({ rule, ref, start, end });
      }
    }
  }

  for (const rule of active(kind.emptyHeadings)) {
    const kept = (index: number) => !units[index] || units[index]!.raw.some((_, line) => free({ block: index, line }));
    for (let index = units.length - 1; index >= 0; index--) {
      if (!isOneLine(index) || !free({ block: index, line: 0 }) || !rule.heading.test(units[index]!.trimmed[0]!)) continue;
      let next = index + 1;
      while (next < units.length && !kept(next)) next++;
      const nextUnit = units[next];
      const nextLines = nextUnit?.trimmed.filter((_, line) => free({ block: next, line }));
      const empty = next >= units.length || (nextLines?.length === 1 && (rule.nextHeading.test(nextLines[0]!) || rule.heading.test(nextLines[0]!)));
      if (empty) claim(rule, [{ block: index, line: 0 }]);
    }
  }

  return { claims, cuts, owner };
}

/** The rules whose removals in this plan are over their budget, with what they would remove. */
function overBudget(plan: Plan, units: Unit[], totalWords: number, file: VFile) {
  const tally = new Map<AnyRule, { words: number; lines: number; first?: Position["start"] }>();
  const add = (rule: AnyRule, words: number, lines: number) => {
    const entry = tally.get(rule) ?? { words: 0, lines: 0 };
    entry.words += words;
    entry.lines += lines;
    tally.set(rule, entry);
  };
  for (const claim of plan.claims) add(claim.rule, claim.lines.reduce((sum, ref) => sum + wordCount(units[ref.block]!.trimmed[ref.line]!), 0), claim.lines.length);
  for (const cut of plan.cuts) add(cut.rule, wordCount(units[cut.ref.block]!.text.value.slice(cut.start, cut.end)), 1);
  return [...tally]
    .filter(([rule, { words }]) => words > rule.maxShare * totalWords || (rule.maxWords !== undefined && words > rule.maxWords))
    .map(([rule, entry]) => {
      const claim = plan.claims.find((made) => made.rule === rule);
      const cut = plan.cuts.find((made) => made.rule === rule);
      const ref = claim?.lines[0] ?? cut!.ref;
      const block = units[ref.block]!;
      return { rule, ...entry, first: pointIn(file, block.text, block.starts[ref.line]!) };
    });
}

/** One info message per removal, over its raw lines (made before the tree changes, while positions are the parser's). */
function report(plan: Plan, units: Unit[], file: VFile, kind: SourceKindRules): void {
  const lineEnd = (ref: LineRef) => units[ref.block]!.starts[ref.line]! + units[ref.block]!.raw[ref.line]!.length;
  const place = (from: LineRef, to: LineRef, start = units[from.block]!.starts[from.line]!, end = lineEnd(to)) => {
    const begin = pointIn(file, units[from.block]!.text, start);
    const close = pointIn(file, units[to.block]!.text, end);
    return begin && close ? { start: begin, end: close } : begin;
  };
  const quote = (text: string) => `\`${text.length > 80 ? `${text.slice(0, 79)}…` : text}\``;
  const events: { at: LineRef; emit: () => void }[] = [];
  for (const claim of plan.claims) {
    const first = claim.lines[0]!;
    const last = claim.lines.at(-1)!;
    const lines = claim.lines.map((ref) => units[ref.block]!.trimmed[ref.line]!);
    const words = lines.reduce((sum, line) => sum + wordCount(line), 0);
    const what = claim.lines.length === 1 ? quote(lines[0]!) : `${claim.lines.length} lines of text, ${words} words, from ${quote(lines[0]!)} to ${quote(lines.at(-1)!)}`;
    events.push({
      at: first,
      emit: () =>
        file.info(claim.action === "credit" ? `moved ${claim.rule.what} to the source note: ${quote(lines.join(" "))}` : `removed ${claim.rule.what}: ${what}`, {
          place: place(first, last),
          ruleId: claim.rule.id,
          source: kind.kind,
        }),
    });
    const lineOf = (ref: LineRef) => pointIn(file, units[ref.block]!.text, units[ref.block]!.starts[ref.line]!)?.line ?? 0;
    recordRemoval(file, { rule: claim.rule.id, line: lineOf(first), endLine: lineOf(last), text: lines.join("\n"), ...(claim.action === "credit" ? { moved: toSourceNote } : {}) });
    if (claim.action === "credit") {
      const line = pointIn(file, units[first.block]!.text, units[first.block]!.starts[first.line]!)?.line ?? 0;
      (file.data.sourceNote ??= []).push({ text: lines.join(" "), line });
    }
  }
  for (const cut of plan.cuts) {
    const value = units[cut.ref.block]!.text.value.slice(cut.start, cut.end).trim();
    const cutLine = pointIn(file, units[cut.ref.block]!.text, cut.start)?.line ?? 0;
    recordRemoval(file, { rule: cut.rule.id, line: cutLine, endLine: cutLine, text: value });
    events.push({
      at: cut.ref,
      emit: () => file.info(`cut ${cut.rule.what} out of a line: ${quote(value)}`, { place: place(cut.ref, cut.ref, cut.start, cut.end), ruleId: cut.rule.id, source: kind.kind }),
    });
  }
  events.sort((a, b) => a.at.block - b.at.block || a.at.line - b.at.line).forEach((event) => event.emit());
}

/** Each block keeps its lines that no rule claimed, less the cuts; a block left with nothing is dropped by the caller. */
function apply(plan: Plan, units: Unit[], file: VFile): void {
  units.forEach((unit, index) => {
    if (!unit) return;
    const cuts = plan.cuts.filter((cut) => cut.ref.block === index);
    const owned = plan.owner[index]!;
    if (!cuts.length && owned.every((claim) => !claim)) return;
    const pieces: [number, number][] = [];
    const keptLines: [number, number][][] = [];
    unit.raw.forEach((line, lineIndex) => {
      if (owned[lineIndex]) return;
      let ranges: [number, number][] = [[unit.starts[lineIndex]!, unit.starts[lineIndex]! + line.length]];
      for (const cut of cuts.filter((made) => made.ref.line === lineIndex)) {
        ranges = ranges.flatMap(([start, end]): [number, number][] =>
          cut.end <= start || cut.start >= end ? [[start, end]] : [[start, Math.max(start, cut.start)], [Math.min(end, cut.end), end]],
        );
      }
      // A line with a cut loses the spaces the cut left at its ends; an untouched line keeps its indent.
      ranges = ranges.filter(([start, end]) => end > start);
      const value = unit.text.value;
      if (!ranges.some(([start, end]) => value.slice(start, end).trim())) return;
      const lineStart = unit.starts[lineIndex]!;
      const lineEnd = lineStart + line.length;
      if (ranges[0]![0] > lineStart) while (!value.slice(ranges[0]![0], ranges[0]![1]).trim() || /\s/u.test(value[ranges[0]![0]]!)) {
        if (!value.slice(ranges[0]![0], ranges[0]![1]).trim()) ranges.shift();
        else ranges[0]![0]++;
      }
      if (ranges.at(-1)![1] < lineEnd) while (!value.slice(ranges.at(-1)![0], ranges.at(-1)![1]).trim() || /\s/u.test(value[ranges.at(-1)![1] - 1]!)) {
        if (!value.slice(ranges.at(-1)![0], ranges.at(-1)![1]).trim()) ranges.pop();
        else ranges.at(-1)![1]--;
      }
      keptLines.push(ranges);
    });
    keptLines.forEach((ranges, lineIndex) => {
      pieces.push(...ranges.map(([start, end]) => [start, end] as [number, number]));
      // The line break after a kept line (not the last): the break that follows it in the value.
      if (lineIndex < keptLines.length - 1) pieces.push(lineBreakAfter(unit, ranges.at(-1)![1]));
    });
    if (!pieces.length) {
      unit.text.value = "";
      return;
    }
    keepRanges(file, unit.text, pieces, "");
  });
}

/** The `\n` that ends the line holding index `at`, as a one-character range. */
function lineBreakAfter(unit: Block, at: number): [number, number] {
  const index = unit.text.value.indexOf("\n", at);
  return [index, index + 1];
}
