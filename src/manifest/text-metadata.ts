// A text entry completed from its text: a Markdown text's front matter gives
// the title, subtitle, author(s) and date the manifest does not (the
// manifest's values win). Done by the loader, before anything else reads the
// entry; a text left without a title or an author is an error at its entry.
import type { VFile } from "vfile";
import { decodeText } from "../ingest/decode-text.js";
import { locateFrontMatter, readFrontMatter, type TextMetadata } from "../ingest/front-matter.js";
import { sourceFormat } from "../ingest/source-format.js";
import type { Manifest, ManifestFile } from "./manifest-schema.js";
import type { YamlDataFile } from "./yaml-data-file.js";
import { VFile as NewFile } from "vfile";

const fields = ["title", "subtitle", "author", "date"] as const;

/** Fill in each entry's missing fields from its text's front matter, and record each text's format on its file. */
export function completeTextEntries(loaded: YamlDataFile<ManifestFile>, texts: VFile[]): Manifest {
  const { data: manifest, file: manifestFile } = loaded;
  for (const [index, entry] of manifest.texts.entries()) {
    const file = texts[index]!;
    const format = sourceFormat(entry.file, entry.format);
    file.data.format = format;
    if (format === "markdown") {
      // A copy is decoded: the text's own decoding (and its messages) comes later, with the rest of ingest.
      const text = decodeText(new NewFile({ path: file.path, value: file.value }));
      const found = locateFrontMatter(text);
      const matter = found && readFrontMatter(found.value, found.start, manifest.language);
      const given: (keyof TextMetadata)[] = [];
      for (const field of fields) {
        const value = matter?.metadata[field];
        if (entry[field] === undefined && value !== undefined) {
          entry[field] = value;
          given.push(field);
        }
      }
      file.data.metadataFromFrontMatter = given;
    }
    for (const field of ["title", "author"] as const) {
      if (entry[field] !== undefined || (field === "author" && entry.anonymous)) continue;
      const where = format === "markdown" ? "here or in the front matter of its Markdown file" : "here";
      manifestFile.fail(`text \`${entry.id}\` has no ${field}: give \`${field}:\` ${where}`, {
        place: loaded.placeOf(["texts", index]),
        ruleId: "manifest-schema",
        source: "manifest",
      });
    }
  }
  return manifest as Manifest;
}
