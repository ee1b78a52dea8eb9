// Sentences of a paragraph's text, as offsets. A full stop after an initial
// (`Robert V. Daniels`) or a common abbreviation (`St. Petersburg`) does not
// end a sentence.
const abbreviations = new Set(["st", "mr", "mrs", "dr", "gen", "col", "capt", "lt", "prof", "rev", "no", "vol", "pp", "p", "cf", "vs", "etc", "jr", "sr", "ed", "eds", "op", "cit", "ibid", "ch", "fig", "mt"]);

export interface Sentence {
  start: number;
  end: number;
}

export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  let start = 0;
  const boundary = /[.!?…]+[”’"')\]]*(?=\s+[“‘"'(\[]?[A-Z0-9])/g;
  for (const match of text.matchAll(boundary)) {
    const before = text.slice(start, match.index);
    const word = /([A-Za-z]+)$/.exec(before)?.[1] ?? "";
    if (match[0].startsWith(".") && (/^[A-Z]$/.test(word) || abbreviations.has(word.toLowerCase()))) continue;
    const end = match.index! + match[0].length;
    found.push({ start, end });
    start = end;
    while (/\s/.test(text[start] ?? "")) start++;
  }
  while (/\s/.test(text[start] ?? "")) start++;
  if (start < text.length) found.push({ start, end: text.trimEnd().length });
  return found.filter((sentence) => sentence.end > sentence.start);
}
