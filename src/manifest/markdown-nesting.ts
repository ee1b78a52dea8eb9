// Markdown written in the manifest (the editorial note) is parsed by
// remark-parse and turned into HTML by mdast-util-to-hast, which recurses
// once per level of nesting: 100,000 `>` made micromark work for over a
// minute and then overflowed the stack. Block containers (block quotes and
// list items) are opened by markers at the start of a line, so a line that
// opens more than `maxNesting` of them is cut to that many before parsing,
// and the editor is warned.

/** More block quotes or list items inside one another than a book needs. */
export const maxNesting = 32;

/** The end of the container markers that open `line` (block quote `>`, bullet or ordered list item), and how many there are. */
function containerMarkers(line: string, limit: number): { count: number; endOfKept: number; end: number } {
  let index = 0;
  let count = 0;
  let endOfKept = 0;
  for (;;) {
    let at = index;
    while (line[at] === " " || line[at] === "\t") at++;
    let next: number;
    if (line[at] === ">") next = at + 1;
    else if ("-+*".includes(line[at] ?? "x") && /[ \t]/.test(line[at + 1] ?? "")) next = at + 1;
    else {
      const ordered = /^\d{1,9}[.)](?=[ \t])/.exec(line.slice(at, at + 11));
      if (!ordered) break;
      next = at + ordered[0].length;
    }
    count++;
    index = next;
    if (count === limit) endOfKept = index;
  }
  return { count, endOfKept, end: index };
}

/** `markdown` with no line opening more than `max` containers; `cut` lists the lines (from 1) that were cut. */
export function capNesting(markdown: string, max = maxNesting): { markdown: string; cut: number[] } {
  const cut: number[] = [];
  const lines = markdown.split("\n").map((line, index) => {
    const markers = containerMarkers(line, max);
    if (markers.count <= max) return line;
    cut.push(index + 1);
    return line.slice(0, markers.endOfKept) + line.slice(markers.end);
  });
  return { markdown: cut.length ? lines.join("\n") : markdown, cut };
}

/** The cuts `capNesting` makes, as ranges of `markdown` to delete (for a parser that keeps raw places), with their lines (from 1). */
export function nestingCuts(markdown: string, max = maxNesting): { start: number; end: number; line: number }[] {
  const cuts: { start: number; end: number; line: number }[] = [];
  let lineStart = 0;
  markdown.split("\n").forEach((line, index) => {
    const markers = containerMarkers(line, max);
    if (markers.count > max) cuts.push({ start: lineStart + markers.endOfKept, end: lineStart + markers.end, line: index + 1 });
    lineStart += line.length + 1;
  });
  return cuts;
}
