// The one way back from a text node to the raw file. The parser reads the raw
// document with its edits made (corrections, CRLF line ends; see
// offset-map.ts) and gives every text node an origin: pairs of (index in the
// node's value, offset in the edited document), one pair per stretch that
// runs on unbroken. A plugin that cuts, joins or rewrites a value does it
// through these helpers, so the origin follows, and any character of any
// value has its exact raw `line:column` (vfile-location over the raw text).
import type { Text } from "mdast";
import type { Point, Position } from "unist";
import { diffChars } from "diff";
import type { VFile } from "vfile";
import { location, type Location } from "vfile-location";
import { toRaw, type OffsetMap } from "./offset-map.js";

declare module "vfile" {
  interface DataMap {
    /** The edits the parser's document has against the raw file. */
    offsetMap: OffsetMap;
  }
}

declare module "mdast" {
  interface TextData {
    /** Flat pairs: value index, then the edited document's offset of that character; each pair runs on until the next. */
    origin?: number[];
  }
}

const locations = new WeakMap<VFile, { value: string; place: Location }>();

function rawLocation(file: VFile): Location {
  const value = String(file.value ?? "");
  const known = locations.get(file);
  if (known && known.value === value) return known.place;
  const place = location(value);
  locations.set(file, { value, place });
  return place;
}

/** The raw point of offset `edited` of the edited document. */
export function rawPoint(file: VFile, edited: number): Point {
  const offset = toRaw(file.data.offsetMap, edited);
  const point = rawLocation(file).toPoint(offset);
  return point ? { line: point.line, column: point.column, offset } : { line: 1, column: 1, offset: 0 };
}

/** The raw point of raw offset `offset` (messages about the raw text itself). */
export function rawPointOfRawOffset(file: VFile, offset: number): Point {
  const point = rawLocation(file).toPoint(offset);
  return point ? { line: point.line, column: point.column, offset } : { line: 1, column: 1, offset: 0 };
}

/** The edited document's offset of character `index` of `node`'s value, when the node knows its origin. */
export function editedOffsetIn(node: Text, index: number): number | undefined {
  const origin = node.data?.origin;
  if (!origin?.length) return undefined;
  let pair = 0;
  for (let at = 2; at < origin.length && origin[at]! <= index; at += 2) pair = at;
  return origin[pair + 1]! + (index - origin[pair]!);
}

/**
 * The raw point of character `index` of a text node. A node without an
 * origin (made by hand, as in tests) is placed by its position when that spans
 * exactly its value on one line, else at its start.
 */
export function pointIn(file: VFile, node: Text, index: number): Point | undefined {
  const edited = editedOffsetIn(node, index);
  if (edited !== undefined) return rawPoint(file, edited);
  const position = node.position;
  if (!position) return undefined;
  const { start, end } = position;
  const spansValue = start.line === end.line && end.column - start.column === node.value.length && !node.value.includes("\n");
  return spansValue ? { line: start.line, column: start.column + index, ...(start.offset === undefined ? {} : { offset: start.offset + index }) } : start;
}

/** The index in `value` where line `lineIndex` (0-based) starts. */
export function lineStart(value: string, lineIndex: number): number {
  let index = 0;
  for (let line = 0; line < lineIndex; line++) {
    const next = value.indexOf("\n", index);
    if (next === -1) return value.length;
    index = next + 1;
  }
  return index;
}

/** The raw point where line `lineIndex` of a text node's value starts. */
export function pointOfLine(file: VFile, node: Text, lineIndex: number): Point | undefined {
  return pointIn(file, node, lineStart(node.value, lineIndex));
}

/** The raw position of characters `start`–`end` of a text node. */
export function positionIn(file: VFile, node: Text, start: number, end: number): Position | undefined {
  const from = editedOffsetIn(node, start);
  if (from === undefined) return node.position;
  return { start: rawPoint(file, from), end: rawPoint(file, editedOffsetIn(node, end)!) };
}

function originSlice(origin: number[] | undefined, start: number, end: number): number[] | undefined {
  if (!origin?.length) return undefined;
  const out: number[] = [];
  for (let at = 0; at < origin.length; at += 2) {
    const index = origin[at]!;
    const next = origin[at + 2] ?? Infinity;
    if (next <= start || index >= end) continue;
    const from = Math.max(index, start);
    out.push(from - start, origin[at + 1]! + (from - index));
  }
  return out;
}

/** Characters `start`–`end` of a text node as a text node of their own, with their raw position and origin. */
export function sliceText(file: VFile, node: Text, start: number, end = node.value.length): Text {
  const origin = originSlice(node.data?.origin, start, end);
  const slice: Text = { type: "text", value: node.value.slice(start, end) };
  const position = positionIn(file, node, start, end);
  if (position) slice.position = position;
  if (origin) slice.data = { origin };
  return slice;
}

/** Cut a text node down to characters `start`–`end`, in place. */
export function cutText(file: VFile, node: Text, start: number, end = node.value.length): void {
  const slice = sliceText(file, node, start, end);
  node.value = slice.value;
  if (slice.position) node.position = slice.position;
  if (slice.data) node.data = { ...node.data, origin: slice.data.origin };
}

/** Stretches of a text node joined by `separator` (lines kept, others dropped), in place. */
export function keepRanges(file: VFile, node: Text, ranges: [number, number][], separator: string): void {
  const origin: number[] = [];
  let value = "";
  for (const [index, [start, end]] of ranges.entries()) {
    if (index) value += separator;
    const part = originSlice(node.data?.origin, start, end) ?? [];
    for (let at = 0; at < part.length; at += 2) origin.push(part[at]! + value.length, part[at + 1]!);
    value += node.value.slice(start, end);
  }
  const first = ranges[0];
  const last = ranges.at(-1);
  if (first && last) {
    const position = positionIn(file, node, first[0], last[1]);
    if (position) node.position = position;
  }
  node.value = value;
  if (node.data?.origin) node.data = { ...node.data, origin };
}

/** Above this many characters, or this many changed ones, a rewrite is aligned by its unchanged start and end only. */
const alignLimit = { length: 20_000, edits: 1_000 };

type Change = { value: string; added?: boolean; removed?: boolean };

/** How `after` differs from `before`, character by character (bounded: a rewrite beyond the limits is one change between the unchanged start and end). */
function localChanges(before: string, after: string): Change[] {
  const changes = before.length <= alignLimit.length && after.length <= alignLimit.length ? diffChars(before, after, { maxEditLength: alignLimit.edits }) : undefined;
  if (changes) return changes;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [
    { value: before.slice(0, start) },
    { value: before.slice(start, before.length - end), removed: true },
    { value: after.slice(start, after.length - end), added: true },
    { value: before.slice(before.length - end) },
  ].filter((change) => change.value.length > 0);
}

/**
 * Give a text node a new value that differs from the old by local rewrites
 * (typography): unchanged characters keep their origin, and a rewritten
 * stretch takes the origin of the characters it replaced. Beyond
 * `alignLimit`, characters between the unchanged start and end of the
 * value are placed at the start of that stretch.
 */
export function rewriteText(node: Text, value: string): void {
  if (value === node.value) return;
  const old = node.data?.origin;
  if (old?.length) {
    const origin: number[] = [];
    let oldIndex = 0;
    let newIndex = 0;
    const push = (index: number, edited: number) => {
      if (origin.length && origin.at(-2) === index) origin.splice(-2, 2);
      const previous = origin.length ? origin.at(-1)! + (index - origin.at(-2)!) : undefined;
      if (previous !== edited) origin.push(index, edited);
    };
    let replacedFrom: number | undefined;
    for (const change of localChanges(node.value, value)) {
      const length = change.value.length;
      if (change.removed) {
        replacedFrom ??= oldIndex;
        oldIndex += length;
        continue;
      }
      if (change.added) {
        push(newIndex, editedOffsetIn(node, replacedFrom ?? oldIndex)!);
        newIndex += length;
        continue;
      }
      replacedFrom = undefined;
      const part = originSlice(old, oldIndex, oldIndex + length) ?? [];
      for (let at = 0; at < part.length; at += 2) push(newIndex + part[at]!, part[at + 1]!);
      oldIndex += length;
      newIndex += length;
    }
    node.data = { ...node.data, origin };
  }
  node.value = value;
}
