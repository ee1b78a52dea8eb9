// Block quotations, in the two shapes the scrapes left them:
// - a paragraph introduced by a colon and closed by a note call (`… [5]`),
//   possibly with a continuation paragraph before the call;
// - a paragraph (or a run of them) that is one long quotation in quote
//   marks, opened at its start and closed at the end of the run.
// A paragraph after a colon that fits neither shape stays a paragraph, with
// a warning: it may be a quotation the detector cannot prove. An editor
// states such a quotation in the structure file (`blockQuotation:`).
import type { Blockquote, Paragraph, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import type { LoadedStructureHint } from "../manifest/load-edition.js";
import { notesStart, paragraphText } from "./blocks.js";
import { closingReferencePattern } from "./page-references.js";
import "./text-data.js";

const source = "structure";
/** A quotation this long or longer is a block even without an introducing colon. */
const longQuotation = 400;
/** The most paragraphs one quotation may run over. */
const maxRun = 6;


const opening = /^[“"‘'`]|^\.\.\.\s*[“"‘']|^…\s*[“"‘']/;

/** Counts of double quotation marks that open and close, straight ones judged by position. */
function doubleQuoteBalance(text: string): number {
  let balance = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === "“") balance++;
    else if (char === "”") balance--;
    else if (char === '"') balance += index === 0 || /[\s([{—–-]/.test(text[index - 1]!) ? 1 : -1;
  }
  return balance;
}

function endsWithCall(text: string): boolean {
  return /\[\d+\*?\]\s*$/.test(text) || /[.?!’”]\s*\(\d+\)\s*$/.test(text);
}

function introducesQuotation(text: string | undefined, closingCitation: RegExp): boolean {
  return text !== undefined && /:\s*$/.test(text.replace(closingCitation, ""));
}

/**
 * The paragraphs from `start` that form one quotation in quote marks: the
 * first opens a double quote (or starts with a quote mark) and the run ends
 * where the quotation closes.
 */
function quotedRun(children: RootContent[], start: number, end: number, closingCitation: RegExp): number {
  const first = paragraphText(children[start]);
  if (first === undefined || !opening.test(first)) return 0;
  let balance = 0;
  for (let index = start; index < Math.min(end, start + maxRun); index++) {
    const text = paragraphText(children[index]);
    if (text === undefined) return 0;
    balance += doubleQuoteBalance(text);
    if (balance <= 0) {
      // Closed: it must close at the very end of the run, not midway through.
      const tail = text.replace(closingCitation, "").trimEnd();
      return /[”"’'][.,;]?$|[.?!…]\s*[”"’']$/.test(tail) || /[”"]\s*\)?[.,]?$/.test(tail) ? index - start + 1 : 0;
    }
  }
  return 0;
}

/** After a colon: the paragraphs up to the first that ends with a note call, if that comes within two. */
function calledRun(children: RootContent[], start: number, end: number): number {
  for (let index = start; index < Math.min(end, start + 2); index++) {
    const text = paragraphText(children[index]);
    if (text === undefined) return 0;
    if (endsWithCall(text)) return index - start + 1;
  }
  return 0;
}

/** The block quotation the structure file names at the start of `text`, if any; records the hint as used. */
function hintedRun(text: string, hints: LoadedStructureHint[], file: VFile): number {
  const hint = hints.find((entry) => "blockQuotation" in entry && text.startsWith(entry.blockQuotation));
  if (!hint || !("blockQuotation" in hint)) return 0;
  (file.data.structureHintsUsed ??= []).push(hint);
  return hint.paragraphs;
}

export interface BlockQuotesOptions {
  /** Block quotations an editor named in the structure file (for every text). */
  structureHints?: LoadedStructureHint[];
}

export const restoreBlockQuotes: Plugin<[BlockQuotesOptions?], Root> = (options = {}) => (tree, file) => {
  const hints = (options.structureHints ?? []).filter((hint) => hint.text === file.data.textId);
  const end = notesStart(tree);
  // A review's page references name the reviewed book's author, found by the front-lines stage.
  const closingCitation = closingReferencePattern(file.data.reviewedWork);
  const out: RootContent[] = [];
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]!;
    const text = index < end ? paragraphText(node) : undefined;
    if (text === undefined) {
      out.push(node);
      continue;
    }
    const hinted = hintedRun(text, hints, file);
    if (hinted) {
      const paragraphs = tree.children.slice(index, Math.min(end, index + hinted));
      if (paragraphs.every((child) => child.type === "paragraph")) {
        const quote: Blockquote = { type: "blockquote", children: paragraphs as Paragraph[], position: { start: paragraphs[0]!.position!.start, end: paragraphs.at(-1)!.position!.end } };
        file.info(`block quotation of ${paragraphs.length} paragraph${paragraphs.length > 1 ? "s" : ""}, as the structure file says`, { place: quote.position, ruleId: "structure-quotation-hint", source });
        out.push(quote);
        index += paragraphs.length - 1;
        continue;
      }
      file.message(`the structure file's block quotation runs over ${hinted} paragraphs, but a heading, list or quotation stands among them; left as it is`, { place: node.position, ruleId: "structure-quotation-hint", source });
    }
    const introduced = introducesQuotation(paragraphText(tree.children[index - 1]), closingCitation);
    let run = quotedRun(tree.children, index, end, closingCitation);
    if (run) {
      const length = tree.children.slice(index, index + run).reduce((sum, child) => sum + (paragraphText(child)?.length ?? 0), 0);
      if (!introduced && length < longQuotation) run = 0;
    }
    if (!run && introduced) run = calledRun(tree.children, index, end);
    if (!run) {
      if (introduced) {
        file.message("a paragraph after a colon that may be a block quotation; kept as a paragraph", { place: node.position, ruleId: "structure-quotation-unsure", source });
      }
      out.push(node);
      continue;
    }
    const paragraphs = tree.children.slice(index, index + run) as Paragraph[];
    const quote: Blockquote = {
      type: "blockquote",
      children: paragraphs,
      position: { start: paragraphs[0]!.position!.start, end: paragraphs.at(-1)!.position!.end },
    };
    file.info(`block quotation of ${run} paragraph${run > 1 ? "s" : ""}`, { place: quote.position, ruleId: "structure-quotation", source });
    out.push(quote);
    index += run - 1;
  }
  tree.children = out;
};
