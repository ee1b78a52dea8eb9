// The edition without rendering: ingest every text, restore and enrich it
// (stages are added here as unified plugins), then assemble one hast book.
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import remarkRehype from "remark-rehype";
import { unified, type PluggableList } from "unified";
import type { VFile } from "vfile";
import { checkCorrectionCounts, correctionsNote } from "./book/corrections-note.js";
import { assembleBook, editorialNoteFromManifest, joinSourceLines, textDivisionIds, type BookText } from "./book/assemble-book.js";
import { bookProcessor } from "./book/book-processor.js";
import { shortTitles } from "./book/short-title.js";
import { interfaceWords } from "./book/words.js";
import { rangeDashes, typesetLine } from "./restore/typography-rules.js";
import { rehypeSanitise, sanitiseManifest } from "./book/sanitise.js";
import { decodeText } from "./ingest/decode-text.js";
import { rawTextParser } from "./ingest/raw-text-parser.js";
import { markdownParser } from "./ingest/markdown-parser.js";
import { formatOf, type SourceFormat } from "./ingest/source-format.js";
import { restoreMarkdownHeadings } from "./restore/markdown-headings.js";
import { restoreMarkdownNotes } from "./restore/markdown-notes.js";
import type { BoilerplateRules } from "./manifest/editorial-data-schema.js";
import { loadEdition, type LoadedCorrection, type LoadedEdition, type LoadedStructureHint } from "./manifest/load-edition.js";
import { restoreBoilerplate } from "./restore/boilerplate.js";
import { restoreSourceFurniture } from "./restore/source-furniture.js";
import { restorePlainTables } from "./restore/plain-tables.js";
import { restorePlainLists } from "./restore/plain-lists.js";
import { restoreAttributions } from "./restore/attributions.js";
import { tableHandler } from "./restore/table-hast.js";
import type { SourceKindRules } from "./manifest/source-rules.js";
import { correctionEdits } from "./restore/corrections.js";
import { anchorCorrections } from "./restore/correction-anchors.js";
import { restoreFrontLines } from "./restore/front-lines.js";
import { restoreTypography } from "./restore/typography.js";
import { restorePlainEmphasis } from "./restore/plain-emphasis.js";
import { restoreLineBreaks, restoreParagraphs } from "./restore/paragraphs.js";
import { checkStructureHints, restoreHeadings } from "./restore/headings.js";
import { restoreBlockQuotes } from "./restore/block-quotes.js";
import { restoreSourceExcerpts } from "./restore/source-excerpts.js";
import { restoreLetteredLists } from "./restore/lettered-lists.js";
import type { TextCache } from "./watch/text-cache.js";
import { MemoStore } from "./watch/memo-store.js";
import { restoreNotes } from "./restore/notes.js";
import { restoreCitations } from "./restore/citations.js";
import { noteHandlersFor } from "./restore/notes-hast.js";
import { citationStyleIds, loadCslStyle } from "./manifest/csl-style.js";
import { loadWorksFile } from "./manifest/works-file.js";
import { editionWorksCited, reportUnusedWorks } from "./book/works-cited.js";
import type { CslItem } from "./citations/works.js";
import { worksCited } from "./book/bibliography.js";
import { knownWorkTitles, markWorkTitles } from "./book/work-titles.js";
import { markForeignWords } from "./book/foreign-words.js";
import type { NamesAuthority } from "./manifest/names-schema.js";
import type { Lexicon } from "./manifest/lexicon-schema.js";
import type { TextEntry } from "./manifest/manifest-schema.js";
import { compileAuthority } from "./enrich/names/authority.js";
import { enrichLanguage, releaseLanguage } from "./language/language-layer.js";
import { enrichNames } from "./enrich/names/enrich-names.js";
import { nameIndex } from "./book/back-matter/name-index.js";
import { mentionPassages } from "./book/back-matter/index-passages.js";
import { checkEditorSubentries, indexTopicWords } from "./book/back-matter/index-subentries.js";
import { enrichDates } from "./enrich/dates/enrich-dates.js";
import { chronologyAppendix } from "./book/back-matter/chronology.js";
import { editedChronology } from "./enrich/dates/chronology-edits.js";
import { collectGarbage, holdHeapClose } from "./collect-garbage.js";
import { TextLanes, workerCount } from "./parallel/text-lanes.js";

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
  structureHints?: LoadedStructureHint[];
  names?: NamesAuthority;
  /** The manifest: its text entries are what the front-lines stage compares a text's head with. */
  manifest?: { texts: TextEntry[]; language?: string };
  /** The lexicon the enrichers read (default and edition's, merged); none when absent. */
  lexicon?: Lexicon;
  /** The rules for kinds of source (rules/*.yaml) in use; none when absent. */
  sourceKinds?: SourceKindRules[];
  /** The edition's bibliography (its works file), which citations resolve against first. */
  works?: CslItem[];
}

/** The interface words of the notes, by the manifest's language (English without a manifest). */
const noteWords = (options: RestoreOptions) => interfaceWords(options.manifest?.language ?? "en");

/**
 * The stages a raw text goes through, in order; each is one unified plugin.
 * A Markdown text (`format`, see src/ingest/source-format.ts) is read by the
 * Markdown reader and skips the stages that rebuild from plain text what
 * Markdown states itself: paragraphs (a blank line ends a Markdown
 * paragraph; a line break inside one is a soft break), section headings
 * (`#` states them; a short paragraph is a paragraph) and block quotations
 * (`>` states them; a paragraph in quote marks stays a paragraph), with
 * the line breaks the paragraphs stage keeps, and plain-text `_emphasis_`
 * (the parser read Markdown's; an underscore left is a literal one). Its
 * headings are fitted under the text's title and its footnotes become notes
 * before the common stages; the notes stage leaves those alone.
 */
export function textProcessor(options: RestoreOptions, format: SourceFormat = "text") {
  const edits = correctionEdits(options.corrections);
  const plain = format === "text";
  const reader: PluggableList = plain
    ? [[rawTextParser, { edits }]]
    : [[markdownParser, { edits, language: options.manifest?.language }], [restoreMarkdownHeadings, { entries: options.manifest?.texts }], restoreMarkdownNotes];
  return unified()
    .use(reader)
    .use(restoreSourceFurniture, { kinds: options.sourceKinds })
    .use(restorePlainTables)
    .use(plain ? [restorePlainLists] : [])
    .use(restoreBoilerplate, { rules: options.boilerplate, titles: options.manifest?.texts.map((text) => text.title), ...(options.lexicon ? { navigationWords: options.lexicon.navigationWords } : {}) })
    .use(plain ? [restoreParagraphs] : [])
    .use(restoreFrontLines, { entries: options.manifest?.texts })
    .use(plain ? [[restoreHeadings, { structureHints: options.structureHints, lexicon: options.lexicon }]] : [])
    .use(restoreSourceExcerpts, { rules: options.boilerplate })
    .use(plain ? [[restoreBlockQuotes, { structureHints: options.structureHints }]] : [])
    .use(restoreAttributions)
    .use(restoreLetteredLists)
    .use(plain ? [restoreLineBreaks, restorePlainEmphasis] : [])
    .use(restoreTypography)
    .use(restoreNotes)
    .use(restoreCitations, { works: options.works })
    .use(enrichLanguage, { abbreviations: options.lexicon?.abbreviations })
    .use(enrichNames, { authority: compileAuthority(options.names), lexicon: options.lexicon })
    .use(enrichDates, { lexicon: options.lexicon })
    .use(releaseLanguage)
    .use(anchorCorrections)
    .use(remarkRehype, { handlers: { ...noteHandlersFor(noteWords(options)), table: tableHandler } });
}

export type TextProcessor = ReturnType<typeof textProcessor>;

/** One processor per source format, made when a text of that format first needs it. */
export function textProcessors(options: RestoreOptions): (file: VFile) => TextProcessor {
  const made = new Map<SourceFormat, TextProcessor>();
  return (file) => {
    const format = formatOf(file);
    let processor = made.get(format);
    if (!processor) made.set(format, (processor = textProcessor(options, format)));
    return processor;
  };
}

/** One text's work; with `memos`, its sentences' work is kept for its next processing (./watch/memo-store.ts). */
export async function processText(file: VFile, processor?: TextProcessor, memos?: MemoStore) {
  const work = async () => {
    decodeText(file);
    const chosen = processor ?? textProcessor({ corrections: [], boilerplate: { sites: [] } }, formatOf(file));
    const mdast = chosen.parse(file) as MdastRoot;
    const hast = (await chosen.run(mdast, file)) as HastRoot;
    return { mdast: mdast as MdastRoot, hast };
  };
  return memos ? memos.run(file, work) : work();
}

export interface BuildEditionOptions {
  /** Per-text work kept between rebuilds (`edition watch`). */
  cache?: TextCache;
  /** Keep each text's restored mdast (for `check --diff`); a build does not need it, and on a large text it is hundreds of MiB. */
  keepRestored?: boolean;
  /** Worker threads for the texts' work (default `workerCount()`: `EDITION_WORKERS`, else one less than the cores when compiled). */
  workers?: number;
  /** Hold the heap close to what is live when the texts are large (`edition build`, ../collect-garbage.ts). */
  holdHeap?: boolean;
  /** `false`: no memo of the texts' sentences at all (tests compare with it); else the cache's, or one for this build (a sentence asked twice is read once). */
  memo?: boolean;
}

/** The edition read, and what every text's processing takes from it (a text worker reads the same, ./parallel/text-worker.ts). */
export async function loadRestoreInputs(manifestPath: string) {
  const loaded = await loadEdition(manifestPath);
  sanitiseManifest(loaded.manifest, loaded.manifestFile, loaded.manifestPlaceOf ?? (() => ({ line: 1, column: 1 })));
  // Read before the texts are processed, so a bad style stops the build at once.
  const { citationStyle } = loaded.manifest;
  const cslStyle = await loadCslStyle(citationStyle ? citationStyleIds[citationStyle] : loaded.manifest.bibliographyStyle, loaded.sourcesDir, loaded.manifestFile, loaded.manifestPlaceOf?.([citationStyle ? "citationStyle" : "bibliographyStyle"]));
  const works = await loadWorksFile(manifestPath, loaded.manifest.works, loaded.manifestFile, loaded.manifestPlaceOf?.(["works"]));
  // The works file is an input of every text (`edition watch` keys its cache on it too).
  const restoreInputs = { ...loaded, works: works?.works.map((work) => work.item) };
  return { loaded, cslStyle, works, restoreInputs };
}

/** Load the manifest and its texts and build the book tree. Throws a VFileMessage on a fatal problem. */
export async function buildEdition(manifestPath: string, options: BuildEditionOptions = {}): Promise<Edition> {
  const { loaded, cslStyle, works, restoreInputs } = await loadRestoreInputs(manifestPath);
  if (options.holdHeap) holdHeapClose(loaded.texts.reduce((sum, file) => sum + (file.value?.length ?? 0), 0));
  const processorFor = textProcessors(restoreInputs);
  const texts: BookText[] = [];
  const restored = new Map<string, MdastRoot>();
  // The texts a build processes run on worker threads beside this one (./parallel/text-lanes.ts).
  const memos = options.memo === false ? undefined : (options.cache?.memos ?? new MemoStore());
  const lanes = new TextLanes(manifestPath, restoreInputs, (file) => processText(file, processorFor(file), memos), options.workers ?? workerCount(), !options.cache, memos);
  const textWorks = loaded.texts.map((file, index) => {
    file.data.entry = loaded.manifest.texts[index]!;
    const work = () => lanes.request(file);
    if (!options.cache) return work();
    const done = options.cache.process(file, restoreInputs, work);
    // A text the cache gave back asks for no work.
    void done.then(() => lanes.skip(file), () => lanes.skip(file));
    return done;
  });
  // A text's fatal error is thrown below in the manifest's order; the others' are not left unhandled.
  for (const work of textWorks) work.catch(() => undefined);
  for (const [index, file] of loaded.texts.entries()) {
    const entry = loaded.manifest.texts[index]!;
    const { mdast, hast } = await textWorks[index]!;
    if (options.keepRestored ?? true) restored.set(entry.id, mdast);
    const sourceLines = [...(file.data.sourceNote ?? [])].sort((a, b) => a.line - b.line).map((line) => line.text);
    texts.push({
      entry,
      tree: hast,
      ...(sourceLines.length ? { sourceNote: typesetLine(joinSourceLines(sourceLines)) } : {}),
      ...(file.data.chapterNumber ? { chapterNumber: file.data.chapterNumber } : {}),
    });
  }
  // Each text's mdast is garbage now: gone before the back matter is made from the texts' files.
  collectGarbage();
  checkCorrectionCounts(loaded);
  checkStructureHints(loaded);
  const { manifest } = loaded;
  const words = interfaceWords(manifest.language);
  const labels = shortTitles(manifest.texts);
  const titleOf = (id: string | undefined) => manifest.texts.find((text) => text.id === id)?.title;
  const mentions = loaded.texts.map((file, index) => ({ entry: manifest.texts[index]!, mentions: file.data.nameMentions ?? [] }));
  const passages = mentionPassages(texts.map((text) => text.tree as HastRoot), manifest.language);
  checkEditorSubentries(mentions, passages, loaded.names, loaded.namesFile, loaded.namesPlaceOf);
  const assembled = assembleBook(manifest, texts, {
    bibliography: editionWorksCited(manifest, texts, loaded.texts, labels, cslStyle, words),
    chronology: chronologyAppendix({
      entries: editedChronology(loaded),
      labels,
      calendarNote: manifest.calendarNote,
      words,
    }),
    editorialNote: [
      ...(await editorialNoteFromManifest(manifest)),
      ...correctionsNote(
        loaded.texts.map((file) => ({ title: titleOf(file.data.textId) ?? file.data.textId ?? "", corrections: file.data.corrections ?? [], anchors: file.data.correctionAnchors ?? [] })),
        words,
      ),
    ],
    index: nameIndex({
      texts: mentions,
      passages,
      topics: indexTopicWords(loaded.texts, loaded.lexicon),
      language: manifest.language,
      names: loaded.names,
      labels,
      words,
    }),
  });
  const book = (await bookProcessor().run(assembled)) as HastRoot;
  // Every text that reaches an output passes the sanitiser; a text's problems are placed in its own file.
  const divisionIds = textDivisionIds(manifest.texts);
  const textOf = new Map(manifest.texts.map((entry, index) => [divisionIds.get(entry)!.id, loaded.texts[index]!]));
  const cited = worksCited(loaded.texts.map((file) => file.data.works?.values() ?? []));
  markWorkTitles(book, { titles: knownWorkTitles(cited, loaded.lexicon.works), cueWords: loaded.lexicon.workCues, fileOf: (division) => textOf.get(division.id) });
  await markForeignWords(book, { listed: loaded.lexicon.foreign, names: loaded.lexicon.foreignNames, naturalised: loaded.lexicon.naturalised, stopWords: loaded.lexicon.stopWords, fileOf: (division) => textOf.get(division.id) });
  unified().use(rehypeSanitise, { fileOf: (division) => textOf.get(division.id) }).runSync(book, loaded.manifestFile);
  if (works) reportUnusedWorks(works, loaded.texts);
  const dataFiles = [loaded.correctionsFile, loaded.structureFile, loaded.namesFile, loaded.chronologyFile, ...loaded.lexiconFiles, works?.file].filter((file): file is VFile => Boolean(file));
  const files = [loaded.manifestFile, ...dataFiles, ...loaded.texts];
  return { ...loaded, book, files, restored };
}
