// The one place that reads the edition's sources: the manifest, the texts it
// lists, and the editors' data files beside it (corrections, boilerplate
// rules). Every problem is a fatal vfile message with its line and column.
// Each manifest reads its own data only (edition-data.ts), and every message
// names the manifest actually read.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { boilerplateSchema, correctionsSchema, structureSchema, type BoilerplateRules, type Correction, type StructureHint } from "./editorial-data-schema.js";
import { manifestFileSchema, type Manifest, type ManifestFile } from "./manifest-schema.js";
import { completeTextEntries } from "./text-metadata.js";
import { defaultDataName, type EditorialDataKind } from "./edition-data.js";
import { reportPlaceholders } from "./placeholders.js";
import { emptyLexicon, extendLexicon, lexiconSchema, type Lexicon } from "./lexicon-schema.js";
import { chronologyEditsSchema } from "./chronology-schema.js";
import type { PlacedChronologyEdit } from "../enrich/dates/chronology-edits.js";
import { namesSchema, type NamesAuthority } from "./names-schema.js";
import { confinedPath } from "./confine.js";
import { capNesting, maxNesting } from "./markdown-nesting.js";
import { projectRoot } from "../project-root.js";
import { kindsInUse, loadSourceRules, type SourceKindRules } from "./source-rules.js";
import { displayPath, loadYamlDataFile, type Point, type YamlDataFile } from "./yaml-data-file.js";

export interface LoadedCorrection extends Correction {
  /** Where the entry stands in the corrections file. */
  place: Point;
}

/** A structure hint, with where the entry stands in the structure file. */
export type LoadedStructureHint = StructureHint & { place: Point };

declare module "vfile" {
  interface DataMap {
    /** The manifest that listed the text, as messages name it (`sources/edition.yaml`). */
    manifestPath: string;
  }
}

export interface LoadedEdition {
  manifest: Manifest;
  /** The edition's folder: the one that holds its manifest; every path in it is relative to this. */
  sourcesDir: string;
  manifestFile: VFile;
  /** Each kind of editorial data's file as messages name it: the one the manifest names, or the default sought beside it (which may not exist). */
  dataPaths: Record<EditorialDataKind, string>;
  /** Where the value at a key path of the manifest stands in the manifest. */
  manifestPlaceOf?: (keyPath: readonly PropertyKey[]) => Point;
  /** One vfile per text, in reading order, holding the raw bytes. */
  texts: VFile[];
  corrections: LoadedCorrection[];
  /** The corrections file, which carries the messages about its entries. */
  correctionsFile?: VFile;
  boilerplate: BoilerplateRules;
  structureHints: LoadedStructureHint[];
  /** The structure file, which carries the messages about its entries. */
  structureFile?: VFile;
  /** The name authority file (sources/names.yaml), when there is one. */
  names?: NamesAuthority;
  namesFile?: VFile;
  /** Where a value of the name authority file stands (its sub-entries' checks). */
  namesPlaceOf?: (keyPath: readonly PropertyKey[]) => Point;
  /** The editors' chronology entries (chronology.yaml), with their places, and their file. */
  chronologyEdits: PlacedChronologyEdit[];
  chronologyFile?: VFile;
  /** The default lexicon for the edition's language, extended by the edition's own. */
  lexicon: Lexicon;
  /** The lexicon files read: the default one and the edition's, when they exist. */
  lexiconFiles: VFile[];
  /** The project's rules for kinds of source (rules/*.yaml) this edition uses. */
  sourceKinds: SourceKindRules[];
}

export async function loadEdition(manifestPath: string): Promise<LoadedEdition> {
  const absolute = path.resolve(manifestPath);
  const sourcesDir = path.dirname(absolute);
  const loaded = await loadYamlDataFile(absolute, manifestFileSchema, "manifest");
  const { data: manifest, file: manifestFile } = loaded;
  reportAbsentKeys(manifest, loaded);
  reportPlaceholders(manifest, manifestFile, loaded.placeOf);

  const note = capNesting(manifest.note ?? "");
  if (manifest.note !== undefined && note.cut.length) {
    manifestFile.message(`the note nests block quotations or lists more than ${maxNesting} deep (on ${note.cut.length} line${note.cut.length > 1 ? "s" : ""} of it, first its line ${note.cut[0]}); cut to ${maxNesting}`, {
      place: loaded.placeOf(["note"]),
      ruleId: "manifest-note-nesting",
      source: "manifest",
    });
    manifest.note = note.markdown;
  }

  const texts: VFile[] = [];
  const seenIds = new Set<string>();
  for (const [index, entry] of manifest.texts.entries()) {
    const place = loaded.placeOf(["texts", index, "file"]);
    if (seenIds.has(entry.id)) {
      manifestFile.fail(`duplicate text id \`${entry.id}\``, {
        place: loaded.placeOf(["texts", index, "id"]),
        ruleId: "manifest-duplicate-id",
        source: "manifest",
      });
    }
    seenIds.add(entry.id);
    const file = await confinedPath([sourcesDir], entry.file, manifestFile, place, "text");
    const kind = await kindOf(file);
    if (kind !== "file") {
      manifestFile.fail(kind === "absent" ? `text file \`${entry.file}\` does not exist` : `text path \`${entry.file}\` is ${kind}, not a file`, {
        place,
        ruleId: "manifest-missing-file",
        source: "manifest",
      });
    }
    texts.push(new VFile({ path: displayPath(file), value: await readFile(file), data: { textId: entry.id, manifestPath: manifestFile.path } }));
  }
  // A Markdown text's front matter fills in what the manifest leaves out.
  const completed = completeTextEntries(loaded, texts);

  const dataPaths = {} as Record<EditorialDataKind, string>;
  const data = { sourcesDir, manifestPath: absolute, loaded, dataPaths };
  const corrections = await loadOptional(data, manifest.corrections, "corrections", correctionsSchema);
  const loadedCorrections = corrections ? placedEntries(corrections, seenIds, manifestFile.path) : [];
  const boilerplate = await loadOptional(data, manifest.boilerplate, "boilerplate", boilerplateSchema);
  const structure = await loadOptional(data, manifest.structure, "structure", structureSchema);

  const names = await loadOptional(data, manifest.names, "names", namesSchema);
  if (names) checkNameHeadings(names);

  const chronology = await loadOptional(data, manifest.chronology, "chronology", chronologyEditsSchema);

  const defaultLexicon = await loadDefaultLexicon(manifest.language);
  const ownLexicon = await loadOptional(data, manifest.lexicon, "lexicon", lexiconSchema);
  const sourceKinds = kindsInUse(await loadSourceRules(), manifest.rules?.off ?? [], manifestFile, (index) => loaded.placeOf(["rules", "off", index]));

  return {
    manifest: completed,
    sourcesDir,
    manifestFile,
    dataPaths,
    manifestPlaceOf: loaded.placeOf,
    texts,
    corrections: loadedCorrections,
    correctionsFile: corrections?.file,
    boilerplate: boilerplate?.data ?? { sites: [] },
    structureHints: structure ? placedEntries(structure, seenIds, manifestFile.path) : [],
    structureFile: structure?.file,
    names: names?.data,
    namesFile: names?.file,
    namesPlaceOf: names?.placeOf,
    chronologyEdits: chronology ? placedEntries(chronology, seenIds, manifestFile.path) : [],
    chronologyFile: chronology?.file,
    lexicon: extendLexicon(defaultLexicon?.data ?? emptyLexicon, ownLexicon?.data ?? emptyLexicon),
    lexiconFiles: [defaultLexicon?.file, ownLexicon?.file].filter((file): file is VFile => Boolean(file)),
    sourceKinds,
  };
}

/** The project's lexicon for a language (`src/lexicon/en.yaml`, or `en` for `en-GB`); none for a language it has none for. */
async function loadDefaultLexicon(language: string) {
  const file = path.join(projectRoot, "src", "lexicon", `${language.split("-")[0]!.toLowerCase()}.yaml`);
  return (await isFile(file)) ? loadYamlDataFile(file, lexiconSchema, "lexicon") : undefined;
}

/** The entries of a per-text data file with their places; an entry naming a text the manifest (`manifestPath`, as messages name it) does not list is fatal. */
function placedEntries<T extends { text: string }>(data: YamlDataFile<T[]>, textIds: Set<string>, manifestPath: string): (T & { place: Point })[] {
  return data.data.map((entry, index) => {
    if (!textIds.has(entry.text)) {
      data.file.fail(`entry names text \`${entry.text}\`, which the manifest \`${manifestPath}\` does not list (its texts: ${[...textIds].map((id) => `\`${id}\``).join(", ")})`, {
        place: data.placeOf([index, "text"]),
        ruleId: `${data.kind}-unknown-text`,
        source: data.kind,
      });
    }
    return { ...entry, place: data.placeOf([index]) };
  });
}

interface DataContext {
  sourcesDir: string;
  /** The manifest's absolute path: default data names are made from its file name. */
  manifestPath: string;
  loaded: YamlDataFile<ManifestFile>;
  /** Filled in: each kind's file as messages name it. */
  dataPaths: Record<EditorialDataKind, string>;
}

/**
 * A data file named in the manifest (which must exist) or, when the manifest
 * is silent, found under its default name beside the manifest (which may be
 * absent): `corrections.yaml` for edition.yaml, `corpus.corrections.yaml`
 * for corpus.yaml.
 */
async function loadOptional<S extends Parameters<typeof loadYamlDataFile>[1]>(
  { sourcesDir, manifestPath, loaded: manifest, dataPaths }: DataContext,
  named: string | undefined,
  kind: EditorialDataKind,
  schema: S,
) {
  const relative = named ?? defaultDataName(manifestPath, kind);
  const file = await confinedPath([sourcesDir], relative, manifest.file, manifest.placeOf([kind]), named ? kind : `default ${kind}`);
  dataPaths[kind] = displayPath(file);
  if (!(await isFile(file))) {
    if (!named) {
      // Not an error (an edition may need no corrections), but never silent: a renamed file would lose them all.
      manifest.file.info(`no ${kind} file: \`${displayPath(file)}\` (the default for this manifest) does not exist; the edition is built without one`, {
        ruleId: "manifest-default-data-absent",
        source: "manifest",
      });
      return undefined;
    }
    manifest.file.fail(`${kind} file \`${named}\` does not exist`, {
      place: manifest.placeOf([kind]),
      ruleId: "manifest-missing-file",
      source: "manifest",
    });
  }
  return loadYamlDataFile(file, schema, kind);
}

/**
 * Optional keys the manifest leaves out, said once each: an undated edition
 * is dated today by the schema (a warning: a rebuild on another day gives
 * other bytes); a missing subject, note or publication is said at info
 * level, a text without a source at warning level (an edition says where its
 * texts came from), and the book goes without it.
 */
function reportAbsentKeys(written: ManifestFile, loaded: YamlDataFile<ManifestFile>): void {
  const file = loaded.file;
  const absent = (reason: string, keyPath: PropertyKey[], level: "info" | "warning" = "info") => {
    const options = { place: loaded.placeOf(keyPath), ruleId: "manifest-key-absent", source: "manifest" };
    if (level === "info") file.info(reason, options);
    else file.message(reason, options);
  };
  const revised = written.revised;
  if (!loaded.has(["revised"])) {
    absent(`no \`revised\` date: the edition is dated today (${revised}), so a build on another day gives other bytes; add \`revised: ${revised}\``, [], "warning");
  }
  if (written.subject === undefined) absent("no `subject`: the EPUB and the PDFs carry no subject, and the index no subject entry", []);
  if (written.note === undefined) absent("no `note`: the editorial note holds only the list of corrections, if any", []);
  if (written.editor === undefined) absent("no `editor`: the title page, the copyright page and the EPUB credit no editor", []);
  if (written.publisher === undefined) absent("no `publisher`: the title page and the EPUB name no publisher; the copyright page gives only the edition's year", []);
  written.texts.forEach((text, index) => {
    if (text.publication === undefined) absent(`text \`${text.id}\` has no \`publication\`: the copyright page names only its ${text.anonymous ? "title" : "author, title"} and date`, ["texts", index, "id"]);
    if (text.source === undefined) absent(`text \`${text.id}\` has no \`source\`: the copyright page cannot say where the text was found; add \`source: { site: …, url: … }\``, ["texts", index, "id"], "warning");
  });
}

/** Every *see* and *see also* must name a person's heading, and no heading may stand twice. */
function checkNameHeadings({ data, file, placeOf }: YamlDataFile<NamesAuthority>): void {
  const headings = new Set<string>();
  for (const [index, person] of data.persons.entries()) {
    if (headings.has(person.heading)) {
      file.fail(`duplicate heading \`${person.heading}\``, { place: placeOf(["persons", index, "heading"]), ruleId: "names-duplicate-heading", source: "names" });
    }
    headings.add(person.heading);
  }
  const unknown = (heading: string, keyPath: PropertyKey[]) => {
    if (!headings.has(heading)) {
      file.fail(`\`${heading}\` is not the heading of any person`, { place: placeOf(keyPath), ruleId: "names-unknown-heading", source: "names" });
    }
  };
  checkVariants(data, file, placeOf);
  data.persons.forEach((person, index) => person.seeAlso.forEach((heading, i) => unknown(heading, ["persons", index, "seeAlso", i])));
  data.references.forEach((reference, index) => unknown(reference.see, ["references", index, "see"]));
}

/** A form as names are compared: one space between words, one after each initial, lower case. */
const formKey = (form: string) => form.replace(/\s+/g, " ").replace(/\.(?=\S)/g, ". ").trim().toLowerCase();

/**
 * A variant listed under two persons would index one person's mentions under
 * the other: an error at the second listing. A person's full name in direct
 * order (`Joseph Stalin` from `Stalin, Joseph`) counts as listed under them.
 */
function checkVariants(data: NamesAuthority, file: VFile, placeOf: YamlDataFile<NamesAuthority>["placeOf"]): void {
  const owner = new Map<string, string>();
  for (const person of data.persons) {
    const [surname, forenames] = person.heading.split(",").map((part) => part.trim());
    if (forenames) owner.set(formKey(`${forenames} ${surname}`), person.heading);
  }
  for (const [index, person] of data.persons.entries()) {
    for (const [i, variant] of person.variants.entries()) {
      const key = formKey(variant);
      const other = owner.get(key);
      if (other !== undefined && other !== person.heading) {
        file.fail(`variant \`${variant}\` is listed under \`${other}\` and \`${person.heading}\`; a form may name one person only`, {
          place: placeOf(["persons", index, "variants", i]),
          ruleId: "names-duplicate-variant",
          source: "names",
        });
      }
      owner.set(key, person.heading);
    }
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await kindOf(file)) === "file";
}

/** What stands at a path (links followed): a text must be a regular file, never a folder, a device or a pipe (reading a pipe would wait for ever). */
async function kindOf(file: string): Promise<"file" | "absent" | "a folder" | "a device, pipe or socket"> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return "absent";
  if (info.isFile()) return "file";
  return info.isDirectory() ? "a folder" : "a device, pipe or socket";
}
