// Which reader a text goes through. A format is a property of the file, not
// of the site it came from: a `.md` or `.markdown` file is Markdown, any other
// is plain text, and the manifest's `format:` key overrides the name.
import path from "node:path";
import type { VFile } from "vfile";

export type SourceFormat = "markdown" | "text";

declare module "vfile" {
  interface DataMap {
    /** The reader the text goes through (set by the manifest loader from the entry's `format:` or the file's name). */
    format: SourceFormat;
  }
}

const markdownExtensions = new Set([".md", ".markdown"]);

/** The format of a file named `fileName`, unless `declared` says otherwise. */
export function sourceFormat(fileName: string | undefined, declared?: SourceFormat): SourceFormat {
  if (declared) return declared;
  return fileName && markdownExtensions.has(path.extname(fileName).toLowerCase()) ? "markdown" : "text";
}

/** The format of a text's vfile: what the loader recorded, else what its name says. */
export function formatOf(file: VFile): SourceFormat {
  return file.data.format ?? sourceFormat(file.path);
}
