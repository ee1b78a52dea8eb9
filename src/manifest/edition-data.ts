// Which editorial data belongs to which manifest. An edition is a folder
// holding its manifest, its texts and its data; two manifests may share a
// folder (and its texts) but never each other's data. A manifest names its
// data files (`corrections: …`) or finds them beside itself under default
// names made from its own file name:
//
//   edition.yaml  →  corrections.yaml, boilerplate.yaml, structure.yaml, names.yaml, lexicon.yaml, chronology.yaml
//   corpus.yaml   →  corpus.corrections.yaml, corpus.boilerplate.yaml, …
//
// So `edition.yaml` (the default manifest) keeps the short names, and any
// other manifest in the same folder reads only files that carry its name.
import path from "node:path";

/** The kinds of editorial data a manifest may name, in the order they are read. */
export const editorialDataKinds = ["corrections", "boilerplate", "structure", "names", "lexicon", "chronology"] as const;
export type EditorialDataKind = (typeof editorialDataKinds)[number];

/** The manifest file name whose data files take the short default names. */
export const defaultManifestName = "edition.yaml";

/** The default file name (beside the manifest) of a kind of data: `corrections.yaml` for edition.yaml, `corpus.corrections.yaml` for corpus.yaml. */
export function defaultDataName(manifestPath: string, kind: EditorialDataKind): string {
  const base = path.basename(manifestPath);
  if (base === defaultManifestName) return `${kind}.yaml`;
  const stem = base.replace(/\.ya?ml$/i, "");
  return `${stem}.${kind}.yaml`;
}
