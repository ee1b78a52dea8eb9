// String edits on a raw document with a map back: the document the parser
// reads is the raw one with these edits made (corrections, CRLF line ends),
// and every offset into it maps to the raw offset it came from.

/** One edit: raw characters `start`–`end` replaced by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Edits in raw order, with where each replacement starts in the edited document. */
export interface OffsetMap {
  /** Each edit with where its replacement starts and how many characters it ends with unchanged (`Ratnon del Rio` → `Ramon del Rio`: 8). */
  edits: (Edit & { editedStart: number; sameEnd: number })[];
}

function sameEndLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return length;
}

/** Make the edits (sorted, none overlapping) on `raw`; the edited document and its map. */
export function applyEdits(raw: string, edits: Edit[]): { value: string; map: OffsetMap } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const placed: OffsetMap["edits"] = [];
  let cursor = 0;
  let length = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`edits overlap at raw offset ${edit.start}`);
    parts.push(raw.slice(cursor, edit.start));
    length += edit.start - cursor;
    placed.push({ ...edit, editedStart: length, sameEnd: sameEndLength(raw.slice(edit.start, edit.end), edit.text) });
    parts.push(edit.text);
    length += edit.text.length;
    cursor = edit.end;
  }
  parts.push(raw.slice(cursor));
  return { value: parts.join(""), map: { edits: placed } };
}

/**
 * The raw offset of offset `edited` of the edited document. Inside a
 * replacement, the characters it ends with unchanged map to the same raw
 * characters; the others are the same distance into the raw characters
 * replaced, at most their last one, so a word inside a correction is placed
 * on it.
 */
export function toRaw(map: OffsetMap | undefined, edited: number): number {
  const edits = map?.edits;
  if (!edits?.length) return edited;
  // The last edit whose replacement starts at or before `edited`.
  let low = 0;
  let high = edits.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (edits[middle]!.editedStart <= edited) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (found === -1) return edited;
  const edit = edits[found]!;
  const into = edited - edit.editedStart;
  if (into < edit.text.length && edit.text.length - into <= edit.sameEnd) return edit.end - (edit.text.length - into);
  if (into < edit.text.length) return edit.start + Math.min(into, Math.max(edit.end - edit.start - 1, 0));
  return edit.end + (into - edit.text.length);
}
