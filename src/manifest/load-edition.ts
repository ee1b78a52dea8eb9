// The one place that reads the edition's sources: the manifest, the texts it
// lists, and the editors' data files beside it (corrections, boilerplate
// rules). Every problem is a fatal vfile message with its line and column.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { boilerplateSchema, correctionsSchema, structureSchema, type BoilerplateRules, type Correction, type StructureHint } from "./editorial-data-schema.js";
import { manifestSchema, type Manifest } from "./manifest-schema.js";
import { emptyLexicon, extendLexicon, lexiconSchema, type Lexicon } from "./lexicon-schema.js";
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

export interface LoadedStructureHint extends StructureHint {
  /** Where the entry stands in the structure file. */
  place: Point;
}

export interface LoadedEdition {
  manifest: Manifest;
  /** Folder that holds edition.yaml; every path in it is relative to this. */
  sourcesDir: string;
  manifestFile: VFile;
  /** Where the value at a key path of the manifest stands in edition.yaml. */
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
  const loaded = await loadYamlDataFile(absolute, manifestSchema, "manifest");
  const { data: manifest, file: manifestFile } = loaded;

  const note = capNesting(manifest.note);
  if (note.cut.length) {
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
    if (!(await isFile(file))) {
      manifestFile.fail(`text file \`${entry.file}\` does not exist`, { place, ruleId: "manifest-missing-file", source: "manifest" });
    }
    texts.push(new VFile({ path: displayPath(file), value: await readFile(file), data: { textId: entry.id } }));
  }

  const corrections = await loadOptional(sourcesDir, manifest.corrections, "corrections.yaml", loaded, "corrections", correctionsSchema);
  const loadedCorrections = corrections ? placedEntries(corrections, seenIds) : [];
  const boilerplate = await loadOptional(sourcesDir, manifest.boilerplate, "boilerplate.yaml", loaded, "boilerplate", boilerplateSchema);
  const structure = await loadOptional(sourcesDir, manifest.structure, "structure.yaml", loaded, "structure", structureSchema);

  const names = await loadOptional(sourcesDir, manifest.names, "names.yaml", loaded, "names", namesSchema);
  if (names) checkNameHeadings(names);

  const defaultLexicon = await loadDefaultLexicon(manifest.language);
  const ownLexicon = await loadOptional(sourcesDir, manifest.lexicon, "lexicon.yaml", loaded, "lexicon", lexiconSchema);
  const sourceKinds = kindsInUse(await loadSourceRules(), manifest.rules?.off ?? [], manifestFile, (index) => loaded.placeOf(["rules", "off", index]));

  return {
    manifest,
    sourcesDir,
    manifestFile,
    manifestPlaceOf: loaded.placeOf,
    texts,
    corrections: loadedCorrections,
    correctionsFile: corrections?.file,
    boilerplate: boilerplate?.data ?? { sites: [] },
    structureHints: structure ? placedEntries(structure, seenIds) : [],
    structureFile: structure?.file,
    names: names?.data,
    namesFile: names?.file,
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

/** The entries of a per-text data file with their places; an entry naming an unknown text is fatal. */
function placedEntries<T extends { text: string }>(data: YamlDataFile<T[]>, textIds: Set<string>): (T & { place: Point })[] {
  return data.data.map((entry, index) => {
    if (!textIds.has(entry.text)) {
      data.file.fail(`entry names text \`${entry.text}\`, which edition.yaml does not list`, {
        place: data.placeOf([index, "text"]),
        ruleId: `${data.kind}-unknown-text`,
        source: data.kind,
      });
    }
    return { ...entry, place: data.placeOf([index]) };
  });
}

/**
 * A data file named in the manifest (which must exist) or, when the manifest
 * is silent, found under its default name (which may be absent).
 */
async function loadOptional<S extends Parameters<typeof loadYamlDataFile>[1]>(
  sourcesDir: string,
  named: string | undefined,
  defaultName: string,
  manifest: YamlDataFile<Manifest>,
  kind: "corrections" | "boilerplate" | "structure" | "names" | "lexicon",
  schema: S,
) {
  const relative = named ?? defaultName;
  const file = await confinedPath([sourcesDir], relative, manifest.file, manifest.placeOf([kind]), kind);
  if (!(await isFile(file))) {
    if (!named) {
      // Not an error (an edition may need no corrections), but never silent: a renamed file would lose them all.
      manifest.file.info(`no ${kind} file: \`${displayPath(file)}\` does not exist; the edition is built without one`, {
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
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
