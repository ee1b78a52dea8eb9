// Tables drawn in plain text become tables (mdast `table`; hast `table` with
// `thead` and `th scope="col"`, see table-hast.ts): grid tables (`+---+---+`
// borders, `|` between cells, a cell running over several lines, `+===+`
// under the header), pipe tables (`| a | b |`, with or without a `|---|`
// rule under the header) and columns aligned with spaces under a header line
// (gutters of two spaces or more standing in every line, numbers in the
// body). The line just above a table (in its block, or a short block of its
// own that is no sentence) is kept as its caption. A block that starts like
// a table but does not read as one stays as it is, with a warning.
import type { Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { pointIn, sliceText } from "../ingest/raw-position.js";
import { soleText } from "./blocks.js";

const source = "structure";

declare module "mdast" {
  interface TableData {
    /** The caption line above the table. */
    caption?: PhrasingContent[];
    /** The widest row, in characters: a wide table is set smaller in print. */
    width?: number;
    /** How the table was drawn. */
    drawn?: "grid" | "pipe" | "columns";
    /** Whether its first row is a header (a Markdown table's always is). */
    header?: boolean;
  }
}

declare module "vfile" {
  interface DataMap {
    /** The tables found in the text's plain lines, by how they were drawn (plain-tables). */
    tablesFound: { drawn: string; rows: number; columns: number; line: number }[];
  }
}

/** One line of a block: where it starts in the text's value, and its text with its indent restored. */
interface Line {
  start: number;
  text: string;
  /** Characters of indent the parser trimmed (the block's first line only). */
  shift: number;
}

/** A cell: stretches of the text's value (one per line of a grid row). */
type Cell = [number, number][];

const gridBorder = /^\+(?:[-=:]+\+)+$/u;
const headerBorder = /^\+(?:[=:]+\+)+$/u;
const pipeRule = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$/u;
const numeric = /^[-+−–(]?[£$€]?\d[\d,.]*%?\)?$|^[-–—]$/u;

export const restorePlainTables: Plugin<[], Root> = () => (tree, file) => {
  const children: RootContent[] = [];
  for (const node of tree.children) {
    const text = soleText(node);
    if (!text) {
      children.push(node);
      continue;
    }
    const lines = linesOf(text, node.position?.start.column ?? 1);
    const found = findTable(lines, file, text);
    if (!found) {
      children.push(node);
      continue;
    }
    const { table, from, to } = found;
    // Lines above the table in its block: the last is its caption, any before stay a paragraph.
    let caption: Text | undefined;
    if (from > 0) {
      caption = trimmed(file, text, lines[from - 1]!);
      if (from > 1) children.push(paragraphOf(file, text, lines[0]!.start, lines[from - 2]!.start + lines[from - 2]!.text.length - lines[from - 2]!.shift));
    } else {
      const previous = children.at(-1);
      const previousText = soleText(previous);
      if (previousText && !previousText.value.includes("\n") && previousText.value.length <= 100 && !/[.!?:;,]$/u.test(previousText.value.trim())) {
        caption = previousText;
        children.pop();
      }
    }
    if (caption) table.data = { ...table.data, caption: [caption] };
    if (node.position) table.position = node.position;
    children.push(table);
    const rows = table.children.length;
    const columns = table.children[0]?.children.length ?? 0;
    (file.data.tablesFound ??= []).push({ drawn: table.data!.drawn!, rows, columns, line: node.position?.start.line ?? 0 });
    file.info(`read a ${table.data!.drawn === "columns" ? "table of aligned columns" : `${table.data!.drawn} table`}: ${rows} rows, ${columns} columns${caption ? `, caption \`${caption.value}\`` : ""}`, {
      place: pointIn(file, text, lines[from]!.start),
      ruleId: "structure-table",
      source,
    });
    if (to < lines.length - 1) children.push(paragraphOf(file, text, lines[to + 1]!.start, text.value.length));
  }
  tree.children = children;
};

function linesOf(text: Text, firstColumn: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.value.split("\n")) {
    const shift = lines.length === 0 ? firstColumn - 1 : 0;
    lines.push({ start, text: " ".repeat(shift) + line, shift });
    start += line.length + 1;
  }
  return lines;
}

/** The offset in the text's value of column `column` of a line. */
const at = (line: Line, column: number) => line.start + column - line.shift;

function trimmed(file: VFile, text: Text, line: Line): Text {
  const lead = line.text.length - line.text.trimStart().length;
  return sliceText(file, text, at(line, lead), at(line, line.text.trimEnd().length));
}

function paragraphOf(file: VFile, text: Text, start: number, end: number): Paragraph {
  const slice = sliceText(file, text, start, end);
  return { type: "paragraph", children: [slice], ...(slice.position ? { position: slice.position } : {}) };
}

/** The first table in a block and the lines it spans; lines after it stay a paragraph. */
function findTable(lines: Line[], file: VFile, text: Text): { table: Table; from: number; to: number } | undefined {
  for (let index = 0; index < lines.length && index <= 1; index++) {
    const line = lines[index]!.text.trim();
    if (gridBorder.test(line)) return grid(lines, index, file, text);
    if (line.startsWith("|") || (lines[index + 1] && pipeRule.test(lines[index + 1]!.text.trim()))) {
      const found = pipes(lines, index, file, text);
      if (found) return found;
    }
  }
  return columns(lines, file, text);
}

function grid(lines: Line[], from: number, file: VFile, text: Text): { table: Table; from: number; to: number } | undefined {
  const top = lines[from]!;
  const borders = [...top.text.trimEnd()].flatMap((character, column) => (character === "+" ? [column] : []));
  const rows: { cells: Cell[]; header: boolean }[] = [];
  let current: Cell[] | undefined;
  let headerEnds = -1;
  let to = from;
  for (let index = from + 1; index < lines.length; index++) {
    const line = lines[index]!;
    const bare = line.text.trim();
    if (gridBorder.test(bare)) {
      if (current) rows.push({ cells: current, header: false });
      current = undefined;
      if (headerBorder.test(bare)) headerEnds = rows.length;
      to = index;
      continue;
    }
    if (!borders.every((column) => line.text[column] === "|" || line.text[column] === "+")) {
      if (index === to + 1 && !current) break;
      file.message("a block drawn as a grid table whose row does not keep to its columns; left as text", { place: pointIn(file, text, line.start), ruleId: "structure-table-unsure", source });
      return undefined;
    }
    current ??= borders.slice(1).map(() => []);
    borders.slice(1).forEach((column, cell) => {
      const left = borders[cell]! + 1;
      const content = line.text.slice(left, column);
      const lead = content.length - content.trimStart().length;
      if (content.trim()) current![cell]!.push([at(line, left + lead), at(line, left + content.trimEnd().length)]);
    });
  }
  if (rows.length === 0) return undefined;
  // `+===+` closes the header; without it, a first row of words over rows with numbers is one.
  const header = headerEnds > 0 ? headerEnds : looksLikeHeader(rows.map((row) => row.cells.map((cell) => cellText(text, cell)))) ? 1 : 0;
  return { table: tableOf(file, text, rows.map((row) => row.cells), header, "grid"), from, to };
}

function pipes(lines: Line[], from: number, file: VFile, text: Text): { table: Table; from: number; to: number } | undefined {
  const rows: Cell[][] = [];
  let header = 0;
  let to = from - 1;
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!;
    const bare = line.text.trim();
    if (pipeRule.test(bare)) {
      if (rows.length !== 1) break;
      header = 1;
      to = index;
      continue;
    }
    if (!bare.includes("|")) break;
    const cells: Cell[] = [];
    const lead = line.text.length - line.text.trimStart().length;
    const body = bare.replace(/^\|/u, "").replace(/\|$/u, "");
    let column = lead + (bare.startsWith("|") ? 1 : 0);
    for (const part of body.split("|")) {
      const partLead = part.length - part.trimStart().length;
      cells.push(part.trim() ? [[at(line, column + partLead), at(line, column + part.trimEnd().length)]] : []);
      column += part.length + 1;
    }
    rows.push(cells);
    to = index;
  }
  const width = rows[0]?.length ?? 0;
  // Every row as many cells, at least two rows and two columns; without a rule, every line framed by `|`.
  if (rows.length < 2 || width < 2 || rows.some((row) => row.length !== width)) return undefined;
  if (!header && !lines.slice(from, to + 1).every((line) => /^\|.*\|$/u.test(line.text.trim()))) return undefined;
  if (!header && looksLikeHeader(rows.map((row) => row.map((cell) => cellText(text, cell))))) header = 1;
  return { table: tableOf(file, text, rows, header, "pipe"), from, to };
}

/**
 * Columns aligned with spaces: three lines or more (a header and two rows),
 * every one split at the same gutters (two spaces or more wide, blank in every
 * line), two columns or more, and numbers in the body: prose and verse have
 * no such gutters, and a list of words in two columns is not a table. A
 * line of dashes under the header is its rule.
 */
function columns(lines: Line[], file: VFile, text: Text): { table: Table; from: number; to: number } | undefined {
  const rule = /^[-=\s]+$/u;
  const content = lines.filter((line) => !rule.test(line.text.trim()));
  if (content.length < 3 || lines.some((line) => !line.text.trim())) return undefined;
  const width = Math.max(...lines.map((line) => line.text.length));
  const blank = Array.from({ length: width }, (_, column) => content.every((line) => column >= line.text.length || line.text[column] === " "));
  // Gutters: runs of blank columns two wide or more, between text.
  const gutters: [number, number][] = [];
  for (let column = 0; column < width; ) {
    if (!blank[column]) {
      column++;
      continue;
    }
    let end = column;
    while (end < width && blank[end]) end++;
    if (column > 0 && end < width && end - column >= 2) gutters.push([column, end]);
    column = end;
  }
  if (!gutters.length) return undefined;
  const lead = Math.min(...content.map((line) => line.text.length - line.text.trimStart().length));
  const spans: [number, number][] = [];
  let left = lead;
  for (const [start, end] of gutters) {
    spans.push([left, start]);
    left = end;
  }
  spans.push([left, width]);
  const rows: Cell[][] = content.map((line) =>
    spans.map(([start, end]) => {
      const part = line.text.slice(start, end);
      const partLead = part.length - part.trimStart().length;
      return part.trim() ? [[at(line, start + partLead), at(line, start + part.trimEnd().length)]] : [];
    }),
  );
  const texts = rows.map((row) => row.map((cell) => cellText(text, cell)));
  const body = texts.slice(1);
  const hasRule = lines.length > content.length && rule.test(lines[1]!.text.trim());
  const numbers = body.filter((row) => row.some((cell) => numeric.test(cell))).length;
  // Every row starts with a cell; the body has numbers in most rows or the header has its rule.
  if (texts.some((row) => !row[0]) || !(numbers * 2 >= body.length || hasRule) || !looksLikeHeader(texts, hasRule)) return undefined;
  // A row whose text runs through a gutter would have no blank there: so each cell is its column's.
  return { table: tableOf(file, text, rows, 1, "columns"), from: 0, to: lines.length - 1 };
}

function cellText(text: Text, cell: Cell): string {
  return cell.map(([start, end]) => text.value.slice(start, end)).join(" ");
}

/** A first row of words (no cell a number) over a body where some cell is one, or stated by a rule under it. */
function looksLikeHeader(rows: string[][], ruled = false): boolean {
  if (rows.length < 2) return false;
  const [first, ...body] = rows;
  if (first!.some((cell) => numeric.test(cell))) return false;
  return ruled || body.some((row) => row.some((cell) => numeric.test(cell)));
}

function tableOf(file: VFile, text: Text, rows: Cell[][], header: number, drawn: "grid" | "pipe" | "columns"): Table {
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(...rows.map((row) => (row[column] ? cellText(text, row[column]!).length : 0))));
  const children: TableRow[] = rows.map((row, index) => ({
    type: "tableRow",
    children: Array.from({ length: columns }, (_, column): TableCell => {
      const cell = row[column] ?? [];
      const parts: PhrasingContent[] = cell.flatMap(([start, end], part) => [...(part ? [{ type: "text", value: " " } as Text] : []), sliceText(file, text, start, end)]);
      return { type: "tableCell", children: parts };
    }),
    ...(index < header ? { data: { header: true } } : {}),
  })) as TableRow[];
  // mdast marks the header as the first row; a header of several rows is joined into one.
  if (header > 1) {
    const joined = children[0]!;
    for (const extra of children.slice(1, header)) {
      extra.children.forEach((cell, column) => {
        const target = joined.children[column]!;
        if (cell.children.length) target.children.push(...(target.children.length ? [{ type: "text", value: " " } as Text] : []), ...cell.children);
      });
    }
    children.splice(1, header - 1);
  }
  return {
    type: "table",
    align: Array.from({ length: columns }, () => null),
    children,
    data: { width: widths.reduce((sum, width) => sum + width, 0) + 3 * (columns - 1), drawn, header: header > 0 },
  };
}
