// The edition without rendering: ingest every text, restore and enrich it
// (stages are added here as unified plugins), then assemble one hast book.
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import { checkCorrectionCounts, correctionsNote } from "./book/corrections-note.js";
import { assembleBook, editorialNoteFromManifest, type BookText } from "./book/assemble-book.js";
import { decodeText } from "./ingest/decode-text.js";
import { rawTextParser } from "./ingest/raw-text-parser.js";
import type { BoilerplateRules } from "./manifest/editorial-data-schema.js";
import { loadEdition, type LoadedCorrection, type LoadedEdition } from "./manifest/load-edition.js";
import { restoreBoilerplate } from "./restore/boilerplate.js";
import { restoreCorrections } from "./restore/corrections.js";
import { restoreFrontLines } from "./restore/front-lines.js";
import { restoreTypography } from "./restore/typography.js";
import { restoreParagraphs } from "./restore/paragraphs.js";
import { restoreHeadings } from "./restore/headings.js";
import { restoreBlockQuotes } from "./restore/block-quotes.js";
import { restoreSourceExcerpts } from "./restore/source-excerpts.js";
import { restoreLetteredLists } from "./restore/lettered-lists.js";
import { enrichDates } from "./enrich/dates/enrich-dates.js";
import { chronologyAppendix } from "./enrich/dates/chronology-appendix.js";

export interface Edition extends LoadedEdition {
  book: HastRoot;
  /** The manifest's file and every text's file, with the messages each collected. */
  files: VFile[];
  /** Each text's restored mdast, by text id (for the editors' diff). */
  restored: Map<string, MdastRoot>;
}

export interface RestoreOptions {
  corrections: LoadedCorrection[];
  boilerplate: BoilerplateRules;
}

/** The stages a raw text goes through, in order; each is one unified plugin. */
export function textProcessor(options: RestoreOptions) {
  return unified()
    .use(rawTextParser)
    .use(restoreCorrections, { corrections: options.corrections })
    .use(restoreBoilerplate, { rules: options.boilerplate })
    .use(restoreParagraphs)
    .use(restoreFrontLines)
    .use(restoreHeadings)
    .use(restoreSourceExcerpts)
    .use(restoreBlockQuotes)
    .use(restoreLetteredLists)
    .use(restoreTypography)
    .use(enrichDates)
    .use(remarkRehype);
}

export async function processText(file: VFile, processor = textProcessor({ corrections: [], boilerplate: { sites: [] } })) {
  decodeText(file);
  const mdast = processor.parse(file);
  const hast = (await processor.run(mdast, file)) as HastRoot;
  return { mdast: mdast as MdastRoot, hast };
}

/** Load the manifest and its texts and build the book tree. Throws a VFileMessage on a fatal problem. */
export async function buildEdition(manifestPath: string): Promise<Edition> {
  const loaded = await loadEdition(manifestPath);
  const processor = textProcessor(loaded);
  const texts: BookText[] = [];
  const restored = new Map<string, MdastRoot>();
  for (const [index, file] of loaded.texts.entries()) {
    const entry = loaded.manifest.texts[index]!;
    file.data.entry = entry;
    const { mdast, hast } = await processText(file, processor);
    restored.set(entry.id, mdast);
    texts.push({ entry, tree: hast, file });
  }
  checkCorrectionCounts(loaded);
  const book = assembleBook(loaded.manifest, texts, {
    chronology: chronologyAppendix(loaded.texts.flatMap((file) => file.data.chronology ?? []), loaded.manifest.texts),
    editorialNote: [...(await editorialNoteFromManifest(loaded.manifest)), ...correctionsNote(loaded.manifest, loaded.texts)],
  });
  const files = [loaded.manifestFile, ...(loaded.correctionsFile ? [loaded.correctionsFile] : []), ...loaded.texts];
  return { ...loaded, book, files, restored };
}
