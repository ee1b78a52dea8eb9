// The edition without rendering: ingest every text, restore and enrich it
// (stages are added here as unified plugins), then assemble one hast book.
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import { assembleBook, editorialNoteFromManifest, type BookText } from "./book/assemble-book.js";
import { decodeText } from "./ingest/decode-text.js";
import { rawTextParser } from "./ingest/raw-text-parser.js";
import { loadEdition, type LoadedEdition } from "./manifest/load-manifest.js";

export interface Edition extends LoadedEdition {
  book: HastRoot;
  /** The manifest's file and every text's file, with the messages each collected. */
  files: VFile[];
}

const textProcessor = unified().use(rawTextParser).use(remarkRehype);

export async function processText(file: VFile): Promise<{ mdast: MdastRoot; hast: HastRoot }> {
  decodeText(file);
  const mdast = textProcessor.parse(file);
  const hast = await textProcessor.run(mdast, file);
  return { mdast, hast };
}

/** Load the manifest and its texts and build the book tree. Throws a VFileMessage on a fatal problem. */
export async function buildEdition(manifestPath: string): Promise<Edition> {
  const loaded = await loadEdition(manifestPath);
  const texts: BookText[] = [];
  for (const [index, file] of loaded.texts.entries()) {
    const { hast } = await processText(file);
    texts.push({ entry: loaded.manifest.texts[index]!, tree: hast });
  }
  const book = assembleBook(loaded.manifest, texts, {
    editorialNote: await editorialNoteFromManifest(loaded.manifest),
  });
  return { ...loaded, book, files: [loaded.manifestFile, ...loaded.texts] };
}
