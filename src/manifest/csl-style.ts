// The CSL style that formats the bibliography: a `.csl` file inside the
// edition's folder, or a style by id from Debian's
// citation-style-language-styles (installed by scripts/setup.sh). Read here,
// like every source file, and tried once on a sample work, so a file that is
// no CSL style stops the build at the manifest's line without its contents
// ever being printed.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { citationJs } from "../citations/citation-js.js";
import type { VFile } from "vfile";
import { confinedPath } from "./confine.js";
import { displayPath, type Point } from "./yaml-data-file.js";
import { Memo, memoKey } from "../watch/render-memo.js";

/** Each style's trial kept by its XML ("" when it formats the sample): a style tried once is not tried again. */
export const styleTrials = new Memo<string>("csl-style-trials", 64 * 1024, () => 1);

/** Where Debian's citation-style-language-styles puts its styles; CSL_STYLES_DIR overrides it. */
export const systemStylesDir = process.env.CSL_STYLES_DIR ?? "/usr/share/citation-style-language/styles";

export interface CslStyle {
  name: string;
  /** The style's XML. */
  xml: string;
}

/** A style id as the CSL repository names its files: `chicago-note-bibliography`. */
const styleId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The style the manifest names. A style by id that is not installed is a
 * warning on the manifest's file and undefined: the bibliography then uses
 * citation-js' built-in APA. A `.csl` path outside the edition's folder (as
 * written or through a link), a named file that does not exist, and a file
 * that is no usable CSL style are fatal at `place`, the manifest's
 * `bibliographyStyle`.
 */
export async function loadCslStyle(name: string, sourcesDir: string, manifestFile: VFile, place?: Point): Promise<CslStyle | undefined> {
  const fail = (reason: string, ruleId: string): never => manifestFile.fail(reason, { place, ruleId, source: "manifest" });
  let file: string;
  if (name.endsWith(".csl")) {
    file = await confinedPath([sourcesDir], name, manifestFile, place ?? { line: 1, column: 1 }, "CSL style");
  } else if (styleId.test(name)) {
    file = path.join(systemStylesDir, `${name}.csl`);
  } else {
    return fail(`CSL style \`${name}\` is neither a style id (such as \`chicago-note-bibliography\`) nor a \`.csl\` file`, "manifest-csl-style-invalid");
  }
  let xml: string;
  try {
    xml = await readFile(file, "utf8");
  } catch {
    if (name.endsWith(".csl")) return fail(`CSL style file \`${name}\` does not exist`, "manifest-missing-file");
    manifestFile.message(`CSL style \`${name}\` not found at ${file} (install Debian's citation-style-language-styles); the works cited use citation-js' built-in APA style`, {
      place,
      ruleId: "manifest-csl-style-missing",
      source: "manifest",
    });
    return undefined;
  }
  const style = { name: path.basename(file, ".csl"), xml };
  // The parser's own message quotes the file's first bytes: only its kind is told.
  const problem = styleTrials.through(memoKey(style.xml), () => tryStyle(style) ?? "") || undefined;
  if (problem) fail(`CSL style \`${name}\` (${displayPath(file)}) is not a usable CSL style: ${problem}`, "manifest-csl-style-invalid");
  return style;
}

/** Formats one sample work with the style; undefined when it works, else what kind of failure it was. */
function tryStyle(style: CslStyle): string | undefined {
  if (!/<style[\s>]/.test(style.xml) || !style.xml.includes("http://purl.org/net/xbiblio/csl")) return "it has no CSL `<style>` element";
  // citation-js keeps one engine per template name: a name per content, so a changed file is tried afresh.
  const template = `edition-check-${createHash("sha256").update(style.xml).digest("hex").slice(0, 16)}`;
  try {
    citationJs().plugins.config.get("@csl").styles.add(template, style.xml);
    const sample = [{ id: "sample", type: "book", title: "A Title", author: [{ family: "Author", given: "An" }], issued: { "date-parts": [[1990]] } }];
    const html = new (citationJs().Cite)(sample).format("bibliography", { format: "html", template, lang: "en-US" });
    return typeof html === "string" && html.includes("Author") ? undefined : "its bibliography does not name the sample work's author";
  } catch (error) {
    return `it does not format a bibliography (${(error as Error).name})`;
  }
}

/** The CSL style id (Debian's styles) of each `citationStyle` a manifest may name. */
export const citationStyleIds = {
  "chicago-notes-bibliography": "chicago-note-bibliography",
  "chicago-author-date": "chicago-author-date",
  apa: "apa",
} as const;
