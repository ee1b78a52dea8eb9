// build/report.html: what the pipeline did to each text, for editors to
// review. It is made from the vfile messages alone, grouped by their source
// (the stage: corrections, boilerplate, structure, notes, names, dates…) and
// rule id, so a new stage's messages show up here with no change to this
// file. Every message links to its raw line, shown in the text's raw copy at
// the end of its section.
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { Manifest } from "../manifest/manifest-schema.js";
import "../restore/text-data.js";

/** Headings for the sources we know; any other source is shown under its own name. */
const stageTitles: Record<string, string> = {
  ingest: "Reading the file",
  manifest: "Manifest",
  corrections: "Corrected",
  boilerplate: "Removed or moved (site furniture)",
  structure: "Structure found",
  typography: "Typography",
  notes: "Notes",
  citations: "Citations",
  names: "Names",
  dates: "Dated events",
};
const stageOrder = Object.keys(stageTitles);

type Severity = "error" | "warning" | "info";
const severityOf = (message: VFileMessage): Severity => (message.fatal ? "error" : message.fatal === false ? "warning" : "info");

export interface ReportInput {
  manifest: Manifest;
  /** The data files and the texts, each with its messages and raw value. */
  files: VFile[];
}

export function reportHtml(input: ReportInput): string {
  return [...reportHtmlPieces(input)].join("");
}

const placeholder = "edition-report-piece";
const stringify = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

/** `tree` serialised and cut where its placeholder comment stands: the text before and after it. */
function around(tree: Root): [string, string] {
  return stringify(tree).split(`<!--${placeholder}-->`) as [string, string];
}

/**
 * The report in pieces, in order (each file's section, and its raw text some
 * thousand lines at a time), so a build writes it to the file as it is made:
 * the raw copy of a very long text is never one tree or one string. The
 * pieces joined are the report.
 */
export function* reportHtmlPieces({ manifest, files }: ReportInput): Generator<string> {
  const sections = files.map((file, index) => ({ file, anchor: anchorOf(file, index) }));
  const [head, tail] = around({
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "en" }, [
        h("head", [h("meta", { charset: "utf-8" }), h("title", `Build report: ${manifest.title}`), h("style", css)]),
        h("body", [
          h("h1", `Build report: ${manifest.title}`),
          h("p", "Every message of the last build, by file and by the stage that made it. Each place links to its raw line."),
          summary(sections),
          { type: "comment", value: placeholder },
        ]),
      ]),
    ],
  });
  yield head;
  for (const { file, anchor } of sections) yield* fileSection(file, anchor, manifest);
  yield tail;
}

function anchorOf(file: VFile, index: number): string {
  return file.data.textId ? `text-${file.data.textId}` : `file-${index}`;
}

function counts(messages: VFileMessage[]): Record<Severity, number> {
  const result = { error: 0, warning: 0, info: 0 };
  for (const message of messages) result[severityOf(message)]++;
  return result;
}

function summary(sections: { file: VFile; anchor: string }[]): Element {
  return h("table", { className: ["summary"] }, [
    h("thead", h("tr", [h("th", "file"), h("th", "errors"), h("th", "warnings"), h("th", "info"), h("th", "by stage")])),
    h(
      "tbody",
      sections.map(({ file, anchor }) => {
        const total = counts(file.messages);
        const stages = groupBy(file.messages, (message) => message.source ?? "other");
        return h("tr", [
          h("td", h("a", { href: `#${anchor}` }, file.path)),
          h("td", { className: total.error ? ["error"] : [] }, String(total.error)),
          h("td", String(total.warning)),
          h("td", String(total.info)),
          h("td", [...stages].map(([source, messages]) => `${source} ${messages.length}`).join(" · ")),
        ]);
      }),
    ),
  ]);
}

/** A text's lines, each cut from the text when it is asked for (`split` would hold every line at once). */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (const match of text.matchAll(/\r?\n/g)) this.starts.push(match.index + match[0].length);
  }
  get count(): number {
    return this.starts.length;
  }
  /** Line `index` (from 0), without its line break. */
  at(index: number): string | undefined {
    if (index < 0 || index >= this.starts.length) return undefined;
    const next = this.starts[index + 1];
    const end = next === undefined ? this.text.length : next - (this.text[next - 2] === "\r" ? 2 : 1);
    return this.text.slice(this.starts[index], end);
  }
}

const linesPerPiece = 2_000;

function* fileSection(file: VFile, anchor: string, manifest: Manifest): Generator<string> {
  const entry = manifest.texts.find((text) => text.id === file.data.textId);
  const stages = [...groupBy(file.messages, (message) => message.source ?? "other")].sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const value = String(file.value ?? "");
  const lines = new Lines(value);
  const section = h("section", { id: anchor }, [
    h("h2", entry ? [h("cite", entry.title), ` — ${file.path}`] : file.path),
    ...(file.messages.length ? [] : [h("p", "No messages.")]),
    ...stages.flatMap(([source, messages]) => [
      h("h3", `${stageTitles[source] ?? source} (${messages.length})`),
      ...[...groupBy(messages, (message) => message.ruleId ?? "no rule id")].map(([ruleId, group]) =>
        h("details", { open: group.some((message) => message.fatal !== undefined) || group.length <= 12 }, [
          h("summary", [h("code", ruleId), ` ${group.length} ${describeCounts(counts(group))}`]),
          h("table", h("tbody", group.map((message) => messageRow(message, anchor, lines)))),
        ]),
      ),
    ]),
    // The raw text, line by line, stands where the placeholder is.
    ...(value.trim() ? [h("details", { className: ["raw-text"] }, [h("summary", "Raw file, line by line"), h("pre", [{ type: "comment", value: placeholder }])])] : []),
  ]);
  if (!value.trim()) {
    yield stringify({ type: "root", children: [section] });
    return;
  }
  const [before, after] = around({ type: "root", children: [section] });
  yield before;
  for (let first = 0; first < lines.count; first += linesPerPiece) {
    const children: ElementContent[] = [];
    for (let index = first; index < Math.min(lines.count, first + linesPerPiece); index++) {
      children.push(h("span", { id: `${anchor}-L${index + 1}`, className: ["line"] }, [h("a", { href: `#${anchor}-L${index + 1}` }, String(index + 1)), ` ${lines.at(index)}\n`]));
    }
    yield stringify({ type: "root", children });
  }
  yield after;
}

function describeCounts(count: Record<Severity, number>): string {
  const parts = (["error", "warning", "info"] as const).filter((severity) => count[severity]).map((severity) => `${count[severity]} ${severity}`);
  return `(${parts.join(", ")})`;
}

function messageRow(message: VFileMessage, anchor: string, lines: Lines): Element {
  const line = message.line ?? undefined;
  const place = line ? `${line}:${message.column ?? 1}` : "—";
  const raw = line ? lines.at(line - 1) : undefined;
  return h("tr", { className: [severityOf(message)] }, [
    h("td", line ? h("a", { href: `#${anchor}-L${line}` }, place) : place),
    h("td", severityOf(message)),
    h("td", [message.reason, ...(raw ? [h("br"), h("q", { className: ["raw"] }, excerpt(raw, message.column ?? 1))] : [])]),
  ]);
}

/** The raw line around the column the message points at. */
function excerpt(line: string, column: number): string {
  const start = Math.max(0, column - 60);
  const text = line.slice(start, start + 160);
  return `${start > 0 ? "…" : ""}${text}${start + 160 < line.length ? "…" : ""}`;
}

function rank(source: string): number {
  const index = stageOrder.indexOf(source);
  return index === -1 ? stageOrder.length : index;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const css = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .2em .5em; text-align: left; vertical-align: top; }
td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.error td { background: #fde8e8; }
tr.warning td { background: #fff6dd; }
td.error { color: #b00; font-weight: bold; }
q.raw { color: #555; font-family: ui-monospace, monospace; font-size: 90%; quotes: none; }
details { margin: .4em 0; }
summary { cursor: pointer; }
pre { white-space: pre-wrap; font-size: 85%; }
.line:target { background: #ffef9e; }
.line > a { color: #999; display: inline-block; min-width: 3.5em; text-decoration: none; }
`;
