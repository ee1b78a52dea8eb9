// A PDF render that failed (Chromium crashed, hung, or Paged.js gave up):
// said plainly, with what was and was not written.
export class PdfFailedError extends Error {
  constructor(readonly pdfPath: string, written: string[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    super(
      `the PDF was not made: ${reason}\n` +
        `${written.length > 1 ? `${written.slice(0, -1).join(", ")} and ${written.at(-1)}` : written[0]} ${written.length === 1 ? "was" : "were"} written; ${pdfPath} was left as it was (the last good PDF, if any).`,
      { cause },
    );
    this.name = "PdfFailedError";
  }
}
