// `edition check --diff TEXT`: the raw text beside the restored one, as a
// unified diff, so an editor can review every change the pipeline made.
// The restored side is the restored mdast written as Markdown: `##` marks a
// heading, `>` a quotation, and boilerplate that went shows as removed lines.
import { createTwoFilesPatch } from "diff";
import type { Root, Table } from "mdast";
import { toMarkdown, type Handle, type Options } from "mdast-util-to-markdown";
import { gfmTableToMarkdown } from "mdast-util-gfm-table";
import { toString } from "mdast-util-to-string";
import { noteMarkdownHandlers } from "../restore/notes-markdown.js";
import { nameMentionToMarkdown } from "../enrich/names/enrich-names.js";
import { scriptsToMarkdown } from "../ingest/markdown-parser.js";

/** Tables as GFM tables, a plain text's caption line above its table. */
function tablesToMarkdown(): Options {
  const gfm = gfmTableToMarkdown();
  const table = gfm.handlers!.table as Handle;
  return {
    ...gfm,
    handlers: {
      ...gfm.handlers,
      table: (node: Table, parent, state, info) => {
        const caption = node.data?.caption;
        const body = table(node, parent, state, info);
        return caption ? `${toString({ type: "paragraph", children: caption })}\n\n${body}` : body;
      },
    },
  };
}

export function restoredDiff(path: string, raw: string, restored: Root): string {
  const markdown = toMarkdown(restored, { bullet: "-", rule: "-", handlers: noteMarkdownHandlers, extensions: [nameMentionToMarkdown, scriptsToMarkdown, tablesToMarkdown()] });
  const rawBlocks = raw.replace(/\r\n/g, "\n").trim() + "\n";
  return createTwoFilesPatch(`${path} (raw)`, `${path} (restored)`, rawBlocks, markdown, undefined, undefined, { context: 1 });
}
