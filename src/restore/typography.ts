// Typography in the house style over every text node of the restored tree.
// Quote nesting is followed through each block; a block that closes a quote
// it never opened, or leaves one open that the next block does not carry on,
// is a warning: the editor should look, not the pipeline guess.
import type { Parent, Root, Text } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import { newQuoteState, typesetLine } from "./typography-rules.js";
import { cutText, rewriteText } from "../ingest/raw-position.js";

const blockTypes = new Set(["paragraph", "heading", "tableCell"]);

export const restoreTypography: Plugin<[], Root> = () => (tree, file) => {
  const blocks: Parent[] = [];
  const quoteOf = new Map<Parent, Parent>();
  visit(tree, (node, _, parent) => {
    if (!blockTypes.has(node.type)) return;
    blocks.push(node as Parent);
    if (parent?.type === "blockquote") quoteOf.set(node as Parent, parent);
  });

  let previousOpen = false;
  let previousBlock: Parent | undefined;
  for (const block of blocks) {
    const texts: Text[] = [];
    visit(block, "text", (node) => {
      texts.push(node);
    });
    // A quotation over several paragraphs of one block quotation opens in the
    // first and closes in the last: carry the count through.
    const sameQuote = previousBlock && quoteOf.get(block) && quoteOf.get(block) === quoteOf.get(previousBlock);
    const state = newQuoteState();
    if (sameQuote && previousOpen) state.openDouble = 1;
    for (const node of texts) rewriteText(node, typesetLine(node.value, state));
    const first = texts[0]?.value.trimStart()[0];
    if (previousOpen && first !== "“" && !sameQuote && previousBlock) {
      file.message("a double quotation mark opened here is not closed", { place: previousBlock.position, ruleId: "typography-unclosed-quote", source: "typography" });
    }
    if (state.strayClosing > 0) {
      file.message("a double quotation mark is closed here that was not opened", { place: block.position, ruleId: "typography-stray-quote", source: "typography" });
    }
    previousOpen = state.openDouble > 0;
    previousBlock = block;
  }
  // The first and last text of a block lose their outer spaces.
  for (const block of blocks) {
    const texts = block.children.filter((child): child is Text => child.type === "text");
    const first = texts[0];
    if (first && block.children[0] === first) cutText(file, first, first.value.length - first.value.trimStart().length);
    const last = block.children.at(-1);
    if (last?.type === "text") cutText(file, last, 0, last.value.trimEnd().length);
  }
};
