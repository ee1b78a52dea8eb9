// Shared runner for the restore plugins' fixture tests: the raw-text parser,
// the plugins given, in order, on one small inline text; no edition.
import type { Root } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import { unified, type PluggableList } from "unified";
import { VFile } from "vfile";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";

export function runPlugins(plugins: PluggableList, value: string, data: Record<string, unknown> = {}) {
  const processor = unified().use(rawTextParser).use(plugins);
  const file = new VFile({ path: "fixture.txt", value });
  file.data.textId = "fixture";
  Object.assign(file.data, data);
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return {
    tree,
    file,
    /** The tree as Markdown (no extensions: not for trees with footnotes). */
    get markdown() {
      return toMarkdown(tree);
    },
  };
}

/** The messages of a rule as `line:column reason`. */
export function messagesOf(file: VFile, ruleId: string): string[] {
  return file.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.line}:${message.column} ${message.reason}`);
}
