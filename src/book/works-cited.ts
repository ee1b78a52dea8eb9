// The works cited of an edition, as its manifest asks: one list in the back
// matter (`worksCited: edition`, the default) or one at the end of each text
// (`worksCited: text`), each entry with the places it is cited; and the
// entries of the edition's works file that no text cites, reported there.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { CslStyle } from "../manifest/csl-style.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import type { LoadedWorks } from "../manifest/works-file.js";
import { rangeDashes } from "../restore/typography-rules.js";
import type { BookText } from "./assemble-book.js";
import { bibliography, citedAtOf, entryContent, forFormatting, worksCited } from "./bibliography.js";
import { citeprocInText, isAuthorDateStyle, restyleCitations } from "../citations/restyle.js";
import { hasImprint, sameAuthor, sameTitle, type CslItem } from "../citations/works.js";
import { roleOfType } from "./schema.js";
import type { InterfaceWords } from "./words.js";

const labelled = (files: VFile[], labels: Map<string, string>) =>
  files.map((file) => ({ label: labels.get(file.data.textId ?? "") ?? file.data.textId ?? "", citations: file.data.citations ?? [] }));

/**
 * The back matter's works cited (`worksCited: edition`); or, for
 * `worksCited: text`, none, each text's own list closing its tree instead
 * (its entries' ids and the text's links to them prefixed with the text's id,
 * so a work cited by two texts has an entry in each).
 */
export function editionWorksCited(manifest: Pick<Manifest, "worksCited">, texts: BookText[], files: VFile[], labels: Map<string, string>, style: CslStyle | undefined, words: Pick<InterfaceWords, "worksCited" | "cited">): ElementContent[] {
  if (manifest.worksCited !== "text") {
    mergeSameWorks(texts, files);
    const items = worksCited(files.map((file) => file.data.works?.values() ?? []));
    restyleInText(texts, files, items, style);
    return bibliography(items, style, { rangeDashes, citedAt: citedAtOf(labelled(files, labels)), citedWord: words.cited });
  }
  texts.forEach((text, index) => {
    const file = files[index]!;
    const works = [...(file.data.works?.values() ?? [])];
    if (!works.length) return;
    restyleInText([text], [file], worksCited([works]), style);
    const prefix = `${text.entry.id}-`;
    visit(text.tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? String(node.properties.href ?? "") : "";
      if (href.startsWith("#") && file.data.works!.has(href.slice(1))) node.properties.href = `#${prefix}${href.slice(1)}`;
    });
    const list = bibliography(worksCited([works]), style, { rangeDashes, citedAt: citedAtOf([{ label: "", citations: file.data.citations ?? [] }]), citedWord: words.cited, idPrefix: prefix });
    const titleId = `${prefix}works-cited`;
    text.tree.children.push(h("section", { className: ["works-cited-text"], "epub:type": "bibliography", role: roleOfType.bibliography, ariaLabelledBy: titleId }, [h("h2", { id: titleId }, words.worksCited), ...list]));
  });
  return [];
}

/** In an author-date style, each text's recognised in-text citations in the style's own form; what was restyled is told on each text. */
function restyleInText(texts: BookText[], files: VFile[], items: CslItem[], style: CslStyle | undefined): void {
  if (!isAuthorDateStyle(style)) return;
  const format = citeprocInText(items.map((item) => forFormatting(item, rangeDashes)), style, entryContent);
  texts.forEach((text, index) => {
    const file = files[index]!;
    const { restyled, leftInProse } = restyleCitations(text.tree, file.data.citations ?? [], format);
    if (!restyled && !leftInProse) return;
    file.info(`${restyled} in-text citations restyled in ${style.name} (the text's form kept in each link's title)${leftInProse ? `; ${leftInProse} woven into the prose left as written` : ""}`, { place: { line: 1, column: 1 }, ruleId: "citations-restyled", source: "citations" });
  });
}

/** Entries of the works file that no text cites: a warning at the entry, so a key misspelt in the file or a work no longer cited is seen. */
export function reportUnusedWorks(works: LoadedWorks, files: VFile[]): void {
  const used = new Set(files.flatMap((file) => (file.data.citations ?? []).map((record) => record.work)));
  for (const work of works.works) {
    if (!used.has(work.item.id)) works.file.message(`entry \`${work.key}\` is cited by no text`, { place: work.place, ruleId: "works-unused", source: "works" });
  }
}

/**
 * One entry for a work two texts cite under two titles, one the start of the
 * other (`My Life` in one, `My Life: An Attempt at an Autobiography (1930)`
 * in another): the fuller record (with its imprint, then the longer title)
 * stands for both, and the other text's links and records point to it. Works
 * of another type (an article of the same title as a book) stay apart.
 */
function mergeSameWorks(texts: BookText[], files: VFile[]): void {
  const items = new Map<string, CslItem>();
  for (const file of files) for (const item of file.data.works?.values() ?? []) if (!items.has(item.id)) items.set(item.id, item);
  const fuller = (a: CslItem, b: CslItem) => Number(hasImprint(b)) - Number(hasImprint(a)) || (b.title?.length ?? 0) - (a.title?.length ?? 0);
  const to = new Map<string, string>();
  const all = [...items.values()];
  for (const item of all) {
    if (!item.title || !item.author?.length) continue;
    const same = all.filter((other) => other.type === item.type && other.title && sameAuthor(other.author?.[0], item.author?.[0]) && sameTitle(other.title, item.title!));
    const best = same.sort(fuller)[0]!;
    if (best.id !== item.id) to.set(item.id, best.id);
  }
  if (!to.size) return;
  files.forEach((file, index) => {
    if (!file.data.works) return;
    for (const record of file.data.citations ?? []) if (record.work && to.has(record.work)) record.work = to.get(record.work);
    for (const [from, target] of to) {
      if (!file.data.works.has(from)) continue;
      file.data.works.delete(from);
      file.data.works.set(target, items.get(target)!);
    }
    visit(texts[index]!.tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? String(node.properties.href ?? "") : "";
      if (href.startsWith("#") && to.has(href.slice(1))) node.properties.href = `#${to.get(href.slice(1))}`;
    });
  });
}
