// EPUBCheck in process (@likecoin/epubcheck-ts, pure JavaScript, about half
// a second): every EPUB is checked before it is written, and one with a
// fatal error or an error is never published.

/** One message of the check, as the build reports it. */
export interface EpubCheckMessage {
  id: string;
  severity: string;
  message: string;
  /** `OEBPS/toc.xhtml:11:5`, when the checker knows it. */
  where?: string;
}

export interface EpubCheckOutcome {
  /** Fatal errors and errors: any one of them fails the build. */
  errors: EpubCheckMessage[];
  /** Messages the checker gives that are known to be wrong, left out of `errors` (see `knownFalsePositives`). */
  ignored: EpubCheckMessage[];
}

/**
 * Messages epubcheck-ts gives on a valid EPUB, each matched as narrowly as
 * it can be. epubcheck-ts 0.7.0 takes the landmarks link to the index
 * (`<a epub:type="index">` in the navigation document, which EPUB 3's
 * landmarks allow) for an index without an entry list; Debian's EPUBCheck
 * 4.2.6 accepts the same file. The index division itself is still checked.
 */
export const knownFalsePositives: { why: string; matches: (message: EpubCheckMessage & { path?: string }) => boolean }[] = [
  {
    why: "the landmarks link to the index is taken for an index without entries (epubcheck-ts 0.7.0)",
    matches: (message) => message.id === "RSC-005" && message.path === "OEBPS/toc.xhtml" && /"index-entry-list"/.test(message.message),
  },
];

export async function checkEpub(epub: Uint8Array): Promise<EpubCheckOutcome> {
  // Loaded when first needed: `edition check` never writes an EPUB.
  const { EpubCheck } = await import("@likecoin/epubcheck-ts");
  const result = await EpubCheck.validate(epub);
  const outcome: EpubCheckOutcome = { errors: [], ignored: [] };
  for (const raw of result.messages) {
    if (raw.severity !== "fatal" && raw.severity !== "error") continue;
    const { path, line, column } = raw.location ?? {};
    const where = path ? [path, line, column].filter((part) => part !== undefined).join(":") : undefined;
    const message: EpubCheckMessage = { id: raw.id, severity: raw.severity, message: raw.message, ...(where ? { where } : {}) };
    if (knownFalsePositives.some((known) => known.matches({ ...message, path }))) outcome.ignored.push(message);
    else outcome.errors.push(message);
  }
  return outcome;
}

/** An EPUB that EPUBCheck rejects: the build fails and the EPUB already in place stays. */
export class EpubInvalidError extends Error {
  constructor(readonly epubPath: string, readonly errors: EpubCheckMessage[]) {
    const lines = errors.slice(0, 20).map((error) => `  ${error.severity.toUpperCase()} ${error.id}${error.where ? ` ${error.where}` : ""}: ${error.message}`);
    const more = errors.length > 20 ? [`  … and ${errors.length - 20} more`] : [];
    const fatal = errors.filter((error) => error.severity === "fatal").length;
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    super(
      `EPUBCheck rejected the EPUB (${plural(fatal, "fatal error")}, ${plural(errors.length - fatal, "error")}), so it was not written; ` +
        `${epubPath} was left as it was (the last good EPUB, if any).\n${[...lines, ...more].join("\n")}`,
    );
    this.name = "EpubInvalidError";
  }
}

/** What makes one EPUB of the same book better than another: the print edition's page-list and the cover image. */
export interface EpubFeatures {
  pageList: boolean;
  cover: boolean;
}

export async function epubFeatures(epub: Uint8Array): Promise<EpubFeatures> {
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(epub);
  const nav = await zip.file("OEBPS/toc.xhtml")?.async("string");
  return { pageList: Boolean(nav?.includes('epub:type="page-list"')), cover: Boolean(zip.file(/^OEBPS\/cover\.[a-z]+$/).length) };
}

/** What the EPUB in place has that the new one lacks ("a page-list and a cover"), or "" when the new one is as good. */
export async function betterInPlace(current: Uint8Array | undefined, fresh: Uint8Array): Promise<string> {
  if (!current) return "";
  let before: EpubFeatures;
  try {
    before = await epubFeatures(current);
  } catch {
    return ""; // not an EPUB we can read: the new one is better
  }
  const after = await epubFeatures(fresh);
  const lost = [before.pageList && !after.pageList ? "the print edition's page-list" : "", before.cover && !after.cover ? "a cover" : ""].filter(Boolean);
  return lost.join(" and ");
}
