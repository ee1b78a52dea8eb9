// The edition's bibliography: `works.bib` (BibTeX or BibLaTeX, read by
// citation-js' plugin-bibtex), `works.json` (CSL-JSON) or `works.yaml`
// (CSL-YAML, a list of items or `references:` as pandoc writes it) beside the
// manifest, named after it as the other data files are (`works.bib` for
// edition.yaml, `corpus.works.bib` for corpus.yaml), or named by the
// manifest's `works`. Read here, like every source file, and validated: a
// file that does not parse, an entry with no id or no title, and an id given
// twice stop the build at the entry's line.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { citationJs } from "../citations/citation-js.js";
import { Memo, memoKey } from "../watch/render-memo.js";
import { VFile } from "vfile";
import { z } from "zod";
import type { CslItem } from "../citations/works.js";
import { confinedPath } from "./confine.js";
import { defaultManifestName } from "./edition-data.js";
import { displayPath, loadYamlDataFile, type Point } from "./yaml-data-file.js";

const source = "works";
const extensions = [".bib", ".json", ".yaml", ".yml"] as const;

/** One entry of the edition's bibliography, with where it stands in its file. */
export interface EditionWork {
  item: CslItem;
  /** The key the file gives it (`deutscher1954`). */
  key: string;
  place: Point;
}

export interface LoadedWorks {
  file: VFile;
  works: EditionWork[];
}

/** The default names of the works file beside a manifest: `works.bib`… for edition.yaml, `corpus.works.bib`… for corpus.yaml. */
export function defaultWorksNames(manifestPath: string): string[] {
  const base = path.basename(manifestPath);
  const stem = base === defaultManifestName ? "works" : `${base.replace(/\.ya?ml$/i, "")}.works`;
  return extensions.map((extension) => `${stem}${extension}`);
}

/** A point from a character offset of `raw`. */
function pointAt(raw: string, offset: number): Point {
  const before = raw.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The id an entry takes in the book: `work-` and its key, in the characters an XHTML id allows. */
export function workIdOfKey(key: string): string {
  return `work-${key.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "")}`;
}

const cslYamlItem = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), title: z.string().optional(), type: z.string().optional() });
const cslYaml = z.union([z.array(cslYamlItem), z.strictObject({ references: z.array(cslYamlItem) })]);

/** Each BibTeX file's CSL-JSON kept by its bytes: citation-js is neither loaded nor run for a file it read before. */
export const bibtexData = new Memo<Record<string, unknown>[]>("bibtex", 16 * 1024 * 1024, (data) => JSON.stringify(data).length);

function fromBibtex(raw: string, file: VFile): { data: Record<string, unknown>[]; places: Map<string, Point[]> } {
  let data: Record<string, unknown>[];
  try {
    const key = memoKey(raw);
    // A copy each time: the loader's callers may change what they are given.
    data = structuredClone(bibtexData.get(key) ?? bibtexData.set(key, new (citationJs().Cite)(raw, { forceType: "@biblatex/text" }).data as Record<string, unknown>[]));
  } catch (error) {
    // The parser says `… at line L col C:` and then quotes the file: only the place and the first line are told.
    const message = (error as Error).message;
    const at = /at line (\d+) col (\d+)/.exec(message);
    file.fail(`BibTeX: ${message.split("\n")[0]!.replace(/\s*at line \d+ col \d+:?$/, "")}`, {
      place: at ? { line: Number(at[1]), column: Number(at[2]) } : undefined,
      ruleId: "works-syntax",
      source,
    });
  }
  const places = new Map<string, Point[]>();
  for (const match of raw.matchAll(/@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,/g)) {
    if (/^(comment|string|preamble)$/i.test(match[1]!)) continue;
    places.set(match[2]!, [...(places.get(match[2]!) ?? []), pointAt(raw, match.index)]);
  }
  return { data, places };
}

function fromJson(raw: string, file: VFile): { data: Record<string, unknown>[]; places: Map<string, Point[]> } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    file.fail(`JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}`, { place: at ? pointAt(raw, Number(at[1])) : undefined, ruleId: "works-syntax", source });
  }
  const list = Array.isArray(value) ? value : (value as { references?: unknown })?.references;
  if (!Array.isArray(list)) file.fail("a CSL-JSON file is a list of items (or an object with `references`)", { place: { line: 1, column: 1 }, ruleId: "works-schema", source });
  const places = new Map<string, Point[]>();
  for (const match of raw.matchAll(/"id"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) places.set(match[1]!, [...(places.get(match[1]!) ?? []), pointAt(raw, match.index)]);
  return { data: list as Record<string, unknown>[], places };
}

/** The item as the pipeline keeps it: the fields it reads typed, the others as the file gives them. */
function toItem(entry: Record<string, unknown>, key: string): CslItem {
  const { _graph: _, "citation-key": __, ...fields } = entry;
  return { ...(fields as unknown as CslItem), id: workIdOfKey(key) };
}

/**
 * The edition's works file: the one the manifest names (which must exist),
 * else the first default name beside the manifest that exists, else none.
 */
export async function loadWorksFile(manifestPath: string, named: string | undefined, manifestFile: VFile, place?: Point): Promise<LoadedWorks | undefined> {
  const sourcesDir = path.dirname(path.resolve(manifestPath));
  const candidates = named ? [named] : defaultWorksNames(manifestPath);
  let absolute: string | undefined;
  for (const candidate of candidates) {
    const file = await confinedPath([sourcesDir], candidate, manifestFile, place ?? { line: 1, column: 1 }, named ? "works" : "default works");
    const exists = await readFile(file).then(() => true, () => false);
    if (exists) {
      absolute = file;
      break;
    }
  }
  if (!absolute) {
    if (named) manifestFile.fail(`works file \`${named}\` does not exist`, { place, ruleId: "manifest-missing-file", source: "manifest" });
    return undefined;
  }
  const extension = path.extname(absolute).toLowerCase();
  if (!(extensions as readonly string[]).includes(extension)) {
    manifestFile.fail(`works file \`${named}\` is neither \`.bib\`, \`.json\` nor \`.yaml\``, { place, ruleId: "manifest-works-format", source: "manifest" });
  }
  let data: Record<string, unknown>[];
  let places: Map<string, Point[]>;
  let file: VFile;
  if (extension === ".yaml" || extension === ".yml") {
    const yaml = await loadYamlDataFile(absolute, cslYaml, source);
    file = yaml.file;
    const list = Array.isArray(yaml.data) ? yaml.data : yaml.data.references;
    const prefix = Array.isArray(yaml.data) ? [] : ["references"];
    data = list as Record<string, unknown>[];
    places = new Map();
    list.forEach((entry, index) => places.set(entry.id, [...(places.get(entry.id) ?? []), yaml.placeOf([...prefix, index])]));
  } else {
    const raw = await readFile(absolute, "utf8");
    file = new VFile({ path: displayPath(absolute), value: raw });
    ({ data, places } = extension === ".bib" ? fromBibtex(raw, file) : fromJson(raw, file));
  }
  return { file, works: validate(data, places, file) };
}

/** Every entry has an id, once, and a title; an author, editor or date missing is worth a warning (the entry lists thin). */
function validate(data: Record<string, unknown>[], places: Map<string, Point[]>, file: VFile): EditionWork[] {
  const seen = new Map<string, number>();
  const works: EditionWork[] = [];
  for (const [index, entry] of data.entries()) {
    const key = entry.id === undefined ? undefined : String(entry.id);
    const nth = key ? (seen.get(key) ?? 0) : 0;
    const place = (key && places.get(key)?.[nth]) || { line: 1, column: 1 };
    if (!key) file.fail(`entry ${index + 1} has no id`, { place, ruleId: "works-schema", source });
    if (nth) file.fail(`duplicate id \`${key}\` (first at line ${places.get(key)![0]!.line})`, { place, ruleId: "works-duplicate-id", source });
    seen.set(key, nth + 1);
    if (typeof entry.title !== "string" || !entry.title.trim()) file.fail(`entry \`${key}\` has no title`, { place, ruleId: "works-schema", source });
    const item = toItem(entry, key);
    if (!item.author?.length && !item.editor?.length) file.info(`entry \`${key}\` names no author or editor: it is cited by its title only`, { place, ruleId: "works-no-author", source });
    if (works.some((work) => work.item.id === item.id)) file.fail(`entry \`${key}\` takes the same id as an earlier one (${item.id})`, { place, ruleId: "works-duplicate-id", source });
    works.push({ item, key, place });
  }
  return works;
}
