// The CSL style that formats the bibliography: a `.csl` file beside the
// sources, or a style by name from Debian's citation-style-language-styles
// (installed by scripts/setup.sh). Read here, like every source file.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { VFile } from "vfile";

/** Where Debian's citation-style-language-styles puts its styles; CSL_STYLES_DIR overrides it. */
export const systemStylesDir = process.env.CSL_STYLES_DIR ?? "/usr/share/citation-style-language/styles";

export interface CslStyle {
  name: string;
  /** The style's XML. */
  xml: string;
}

/**
 * The style the manifest names, or undefined (with a warning on the manifest's
 * file) when it cannot be read: the bibliography then uses citation-js' built-in APA.
 */
export async function loadCslStyle(name: string, sourcesDir: string, manifestFile: VFile): Promise<CslStyle | undefined> {
  const file = name.endsWith(".csl") ? path.resolve(sourcesDir, name) : path.join(systemStylesDir, `${name}.csl`);
  try {
    return { name: path.basename(file, ".csl"), xml: await readFile(file, "utf8") };
  } catch {
    manifestFile.message(`CSL style \`${name}\` not found at ${file} (install Debian's citation-style-language-styles); the works cited use citation-js' built-in APA style`, {
      ruleId: "manifest-csl-style-missing",
      source: "manifest",
    });
    return undefined;
  }
}
