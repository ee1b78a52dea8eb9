// The one place that reads the manifest and the texts it lists. Every problem
// becomes a fatal vfile message with the line and column in edition.yaml.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { manifestSchema, type Manifest } from "./manifest-schema.js";

export interface LoadedEdition {
  manifest: Manifest;
  /** Folder that holds edition.yaml; every path in it is relative to this. */
  sourcesDir: string;
  manifestFile: VFile;
  /** One vfile per text, in reading order, holding the raw text. */
  texts: VFile[];
}

export async function loadEdition(manifestPath: string): Promise<LoadedEdition> {
  const absolute = path.resolve(manifestPath);
  const sourcesDir = path.dirname(absolute);
  const manifestFile: VFile = new VFile({ path: displayPath(absolute) });
  let raw: string;
  try {
    raw = await readFile(absolute, "utf8");
  } catch (error) {
    manifestFile.fail(`cannot read manifest: ${(error as Error).message}`, {
      ruleId: "manifest-unreadable",
      source: "manifest",
    });
  }
  manifestFile.value = raw;

  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const place = toPoint(lineCounter.linePos(problem.pos[0]));
    manifestFile.fail(`YAML: ${firstLine(problem.message)}`, {
      place,
      ruleId: "manifest-yaml",
      source: "manifest",
    });
  }

  const parsed = manifestSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    manifestFile.fail(describeIssue(issue), {
      place:
        issue.code === "unrecognized_keys"
          ? keyPlace(doc, lineCounter, issue.path, issue.keys[0]!)
          : placeOf(doc, lineCounter, issue.path),
      ruleId: "manifest-schema",
      source: "manifest",
    });
  }
  const manifest = parsed.data;

  const texts: VFile[] = [];
  const seenIds = new Set<string>();
  for (const [index, entry] of manifest.texts.entries()) {
    const place = (key: string) => placeOf(doc, lineCounter, ["texts", index, key]);
    if (seenIds.has(entry.id)) {
      manifestFile.fail(`duplicate text id \`${entry.id}\``, {
        place: place("id"),
        ruleId: "manifest-duplicate-id",
        source: "manifest",
      });
    }
    seenIds.add(entry.id);
    const file = path.resolve(sourcesDir, entry.file);
    const relative = path.relative(sourcesDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      manifestFile.fail(`text path \`${entry.file}\` leaves the sources folder`, {
        place: place("file"),
        ruleId: "manifest-path-outside",
        source: "manifest",
      });
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      manifestFile.fail(`text file \`${entry.file}\` does not exist`, {
        place: place("file"),
        ruleId: "manifest-missing-file",
        source: "manifest",
      });
    }
    const bytes = await readFile(file);
    texts.push(new VFile({ path: displayPath(file), value: bytes, data: { textId: entry.id } }));
  }

  return { manifest, sourcesDir, manifestFile, texts };
}

/** Paths in messages are relative to the working folder, as editors type them. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith("..") ? absolute : relative;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `\`${issue.path.join(".")}\`: ` : "";
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) {
    return `${where}required key is missing`;
  }
  if (issue.code === "unrecognized_keys") {
    return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
  }
  return `${where}${issue.message}`;
}

/** The line and column of the deepest YAML node that exists along `keyPath`. */
function placeOf(doc: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[]) {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return toPoint(lineCounter.linePos(node.range[0]));
  }
  return { line: 1, column: 1 };
}

/** The line and column of a key itself, for a key that should not be there. */
function keyPlace(doc: Document, lineCounter: LineCounter, mapPath: readonly PropertyKey[], key: string) {
  const map = mapPath.length ? doc.getIn(mapPath as unknown[], true) : doc.contents;
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (isScalar(pair?.key) && pair.key.range) return toPoint(lineCounter.linePos(pair.key.range[0]));
  }
  return placeOf(doc, lineCounter, [...mapPath, key]);
}

function toPoint({ line, col }: { line: number; col: number }) {
  return { line, column: col };
}
