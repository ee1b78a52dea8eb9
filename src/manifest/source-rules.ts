// The project's rules for kinds of source (rules/*.yaml, one file per kind),
// read and checked once when an edition loads, like the default lexicon. A
// kind is named by its file (`rules/project-gutenberg.yaml` is the kind
// `project-gutenberg`); an edition may switch kinds off in its manifest
// (`rules: { off: [wiki-dump] }`). Patterns are compiled here, after
// bounded-pattern.ts has passed them (in the schema).
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { VFile } from "vfile";
import { projectRoot } from "../project-root.js";
import { sourceRulesSchema, type SourceRulesData } from "./source-rules-schema.js";
import { loadYamlDataFile, type Point } from "./yaml-data-file.js";

export type RuleBudget = { id: string; what: string; maxShare: number; maxWords?: number };

/** One kind's rules with their patterns compiled (`u`; cuts `gu`). */
export interface SourceKindRules {
  /** The kind's id: its file's name without `.yaml`. */
  kind: string;
  name: string;
  evidence: { all: RegExp[]; any: RegExp[]; atLeast: number };
  regions: (RuleBudget & { from?: RegExp; to?: RegExp })[];
  lines: (RuleBudget & { pattern: RegExp })[];
  cuts: (RuleBudget & { pattern: RegExp })[];
  blocks: (RuleBudget & { first: RegExp; through?: RegExp; maxBlocks: number; maxLines?: number; action: "remove" | "credit" })[];
  sections: (RuleBudget & { heading: RegExp; items: RegExp })[];
  emptyHeadings: (RuleBudget & { heading: RegExp; nextHeading: RegExp })[];
  metadata: Partial<Record<"title" | "author" | "language" | "date", RegExp>>;
}

export interface LoadedSourceRules {
  kinds: SourceKindRules[];
  /** The rules files read, which carry the messages about their entries. */
  files: VFile[];
}

/** The project's folder of rules for kinds of source. */
export const projectRulesDir = path.join(projectRoot, "rules");

/** Every `*.yaml` of `dir`, checked against the schema (a problem is fatal at its line); no folder is no kinds. */
export async function loadSourceRules(dir = projectRulesDir): Promise<LoadedSourceRules> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".yaml")).sort();
  const kinds: SourceKindRules[] = [];
  const files: VFile[] = [];
  for (const name of names) {
    const loaded = await loadYamlDataFile(path.join(dir, name), sourceRulesSchema, "rules");
    checkRuleIds(loaded.data, loaded.file, loaded.placeOf);
    kinds.push(compileKind(name.slice(0, -".yaml".length), loaded.data));
    files.push(loaded.file);
  }
  return { kinds, files };
}

/** The kinds an edition uses: all but those its manifest switches off; naming a kind that does not exist is fatal there. */
export function kindsInUse(rules: LoadedSourceRules, off: string[], manifestFile: VFile, placeOf: (index: number) => Point): SourceKindRules[] {
  off.forEach((kind, index) => {
    if (!rules.kinds.some((known) => known.kind === kind)) {
      manifestFile.fail(`\`rules.off\` names \`${kind}\`, which is no kind of source in rules/ (known: ${rules.kinds.map((known) => `\`${known.kind}\``).join(", ") || "none"})`, {
        place: placeOf(index),
        ruleId: "manifest-unknown-rules",
        source: "manifest",
      });
    }
  });
  return rules.kinds.filter((known) => !off.includes(known.kind));
}

const ruleLists = ["regions", "lines", "cuts", "blocks", "sections", "emptyHeadings"] as const;

/** A rule id names one rule of its kind: messages and budget warnings are found by it. */
function checkRuleIds(data: SourceRulesData, file: VFile, placeOf: (keyPath: readonly PropertyKey[]) => Point): void {
  const seen = new Set<string>();
  for (const list of ruleLists) {
    data[list].forEach((rule, index) => {
      if (seen.has(rule.id)) file.fail(`duplicate rule id \`${rule.id}\``, { place: placeOf([list, index, "id"]), ruleId: "rules-duplicate-id", source: "rules" });
      seen.add(rule.id);
    });
  }
}

const compile = (source: string, flags = "u") => new RegExp(source, flags);

function compileKind(kind: string, data: SourceRulesData): SourceKindRules {
  const base = ({ id, what, maxShare, maxWords }: RuleBudget): RuleBudget => ({ id, what, maxShare, ...(maxWords === undefined ? {} : { maxWords }) });
  return {
    kind,
    name: data.name,
    evidence: { all: data.evidence.all.map((p) => compile(p)), any: data.evidence.any.map((p) => compile(p)), atLeast: data.evidence.atLeast },
    regions: data.regions.map((rule) => ({
      ...base(rule),
      ...(rule.from === undefined ? {} : { from: compile(rule.from) }),
      ...(rule.to === undefined ? {} : { to: compile(rule.to) }),
    })),
    lines: data.lines.map((rule) => ({ ...base(rule), pattern: compile(rule.pattern) })),
    cuts: data.cuts.map((rule) => ({ ...base(rule), pattern: compile(rule.pattern, "gu") })),
    blocks: data.blocks.map((rule) => ({
      ...base(rule),
      first: compile(rule.first),
      ...(rule.through === undefined ? {} : { through: compile(rule.through) }),
      maxBlocks: rule.maxBlocks,
      ...(rule.maxLines === undefined ? {} : { maxLines: rule.maxLines }),
      action: rule.action,
    })),
    sections: data.sections.map((rule) => ({ ...base(rule), heading: compile(rule.heading), items: compile(rule.items) })),
    emptyHeadings: data.emptyHeadings.map((rule) => ({ ...base(rule), heading: compile(rule.heading), nextHeading: compile(rule.nextHeading) })),
    metadata: Object.fromEntries(Object.entries(data.metadata).map(([field, source]) => [field, compile(source!)])),
  };
}
