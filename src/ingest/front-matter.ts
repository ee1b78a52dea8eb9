// A Markdown text's YAML front matter as the text's metadata. The front
// matter is found as remark-frontmatter finds it (a `---` fence on the first
// line, closed by a `---` line) and parsed with the `yaml` package, keeping
// where each key stands so a message can name its line in the text. Only
// title, subtitle, author(s) and date are used; every other key is reported,
// never printed. Values may hold inline Markdown (`_The Revolution
// Betrayed_`): titles and authors are read as plain text, a subtitle keeps its
// Markdown for the text's heading to render.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { dateLabel } from "../book/back-matter/chronology.js";
import { typesetLine } from "../restore/typography-rules.js";

declare module "vfile" {
  interface DataMap {
    /** The entry's fields its front matter gave, the manifest being silent on them (set by the manifest loader). */
    metadataFromFrontMatter: (keyof TextMetadata)[];
  }
}

/** What front matter may supply to a text's manifest entry. */
export interface TextMetadata {
  title?: string;
  /** Inline Markdown, as written. */
  subtitle?: string;
  author?: string;
  date?: string;
}

export interface FrontMatterKey {
  key: string;
  /** Offset of the key in the text the front matter was found in. */
  offset: number;
  /** Whether the key supplies metadata (a used key may still be overridden by the manifest). */
  used: boolean;
}

export interface FrontMatter {
  metadata: TextMetadata;
  /** Which key gave each field, with its offset. */
  sources: Partial<Record<keyof TextMetadata, FrontMatterKey>>;
  keys: FrontMatterKey[];
  /** Malformed YAML: the first problem and its offset in the text. */
  error?: { reason: string; offset: number };
}

/** The front matter's YAML and where it starts in `text`, if the text opens with one. */
export function locateFrontMatter(text: string): { value: string; start: number } | undefined {
  const match = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/d.exec(text);
  if (!match) return undefined;
  const indices = match.indices?.[1];
  return indices ? { value: match[1]!, start: indices[0] } : { value: "", start: match[0].indexOf("\n") + 1 };
}

const inline = unified().use(remarkParse);

/** A front-matter value with its inline Markdown read as plain text and set in the house style. */
export function plainInline(value: string): string {
  return typesetLine(toString(inline.parse(value)).trim());
}

/** `2018-12-02` (or a YAML timestamp) as `2 December 2018`; anything else as it stands. */
function dateText(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString() : scalarText(value);
  if (!text) return undefined;
  const iso = /^(\d{4}-\d{2}(?:-\d{2})?)(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  return iso ? dateLabel(iso[1]!) : text;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** One author or a list of them, joined as the language lists names (`A and B`). */
function authorText(value: unknown, language: string): string | undefined {
  const names = (Array.isArray(value) ? value : [value]).map(scalarText).filter((name): name is string => Boolean(name)).map(plainInline);
  if (!names.length) return undefined;
  return new Intl.ListFormat(language, { type: "conjunction" }).format(names);
}

/** Read a front matter's YAML (found at offset `start` of its text). */
export function readFrontMatter(yaml: string, start = 0, language = "en"): FrontMatter {
  const result: FrontMatter = { metadata: {}, sources: {}, keys: [] };
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    result.error = { reason: problem.message.split("\n")[0]!.trim(), offset: start + problem.pos[0] };
    return result;
  }
  if (!doc.contents) return result;
  if (!isMap(doc.contents)) {
    result.error = { reason: "front matter is not a map of keys and values", offset: start + (doc.contents.range?.[0] ?? 0) };
    return result;
  }
  const values: Record<string, unknown> = {};
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const offset = start + (keyNode?.range?.[0] ?? 0);
    result.keys.push({ key, offset, used: false });
    const value = pair.value as YamlNode | null;
    values[key] = isScalar(value) ? value.value : isSeq(value) || isMap(value) ? value.toJS(doc) : undefined;
  }
  const take = (field: keyof TextMetadata, key: string, text: string | undefined) => {
    const entry = result.keys.find((candidate) => candidate.key === key);
    if (!entry || text === undefined || result.metadata[field] !== undefined) return;
    entry.used = true;
    result.metadata[field] = text;
    result.sources[field] = entry;
  };
  const title = scalarText(values.title);
  take("title", "title", title && plainInline(title));
  take("subtitle", "subtitle", scalarText(values.subtitle));
  take("author", "author", authorText(values.author, language));
  take("author", "authors", authorText(values.authors, language));
  take("date", "date", dateText(values.date));
  return result;
}
