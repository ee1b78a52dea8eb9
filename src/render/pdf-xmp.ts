// The PDF's XMP metadata: Dublin Core title, creators and language, the
// dates of the Info dictionary, and the PDF/UA identification (pdfuaid:part),
// which PDF/UA-1 (ISO 14289-1, 5) asks for. Written as an uncompressed
// metadata stream on the catalog, as ISO 32000-1, 14.3.2 has it.
import { PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument } from "pdf-lib";

export interface XmpFields {
  title: string;
  creators: string[];
  language: string;
  description?: string;
  keywords?: string;
  /** ISO 8601 date. */
  date: string;
  producer: string;
  creatorTool: string;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function xmpPacket(fields: XmpFields): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escape(text)}</rdf:li></rdf:Alt>`;
  return [
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(fields.title)}</dc:title>`,
    `<dc:creator><rdf:Seq>${fields.creators.map((creator) => `<rdf:li>${escape(creator)}</rdf:li>`).join("")}</rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${escape(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
    ...(fields.description ? [`<dc:description>${alt(fields.description)}</dc:description>`] : []),
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${fields.date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${fields.date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${fields.date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escape(fields.creatorTool)}</xmp:CreatorTool>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    `<pdf:Producer>${escape(fields.producer)}</pdf:Producer>`,
    ...(fields.keywords ? [`<pdf:Keywords>${escape(fields.keywords)}</pdf:Keywords>`] : []),
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">`,
    `<pdfuaid:part>1</pdfuaid:part>`,
    `</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="w"?>`,
  ].join("\n");
}

export function setXmp(doc: PDFDocument, fields: XmpFields): void {
  const stream = doc.context.stream(Buffer.from(xmpPacket(fields), "utf8"), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
}

/** The XMP packet of a PDF, if it has one. */
export function readXmp(doc: PDFDocument): string | undefined {
  const ref = doc.catalog.get(PDFName.of("Metadata"));
  const stream = ref ? doc.context.lookup(ref) : undefined;
  return stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString("utf8") : undefined;
}
