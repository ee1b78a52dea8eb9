// `edition check --diff TEXT`: the raw text beside the restored one, as a
// unified diff, so an editor can review every change the pipeline made.
// The restored side is the restored mdast written as Markdown: `##` marks a
// heading, `>` a quotation, and boilerplate that went shows as removed lines.
import { createTwoFilesPatch } from "diff";
import type { Root } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import { noteMarkdownHandlers } from "../restore/notes-markdown.js";
import { nameMentionToMarkdown } from "../enrich/names/enrich-names.js";
import { scriptsToMarkdown } from "../ingest/markdown-parser.js";

export function restoredDiff(path: string, raw: string, restored: Root): string {
  const markdown = toMarkdown(restored, { bullet: "-", rule: "-", handlers: noteMarkdownHandlers, extensions: [nameMentionToMarkdown, scriptsToMarkdown] });
  const rawBlocks = raw.replace(/\r\n/g, "\n").trim() + "\n";
  return createTwoFilesPatch(`${path} (raw)`, `${path} (restored)`, rawBlocks, markdown, undefined, undefined, { context: 1 });
}
