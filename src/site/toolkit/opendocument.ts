/**
 * OpenDocument files, written by hand: the spreadsheet template of the
 * « Tableau de suivi » (.ods, at build time) and the letter (.odt, in the
 * browser). Both are a stored zip of a few XML parts, `mimetype` first.
 */
import type { LetterBlock } from './letter.ts';
import { escapeXml } from '../../lib/xml-text.ts';
import { zip } from './zip.ts';

export const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';
export const ODT_MIME = 'application/vnd.oasis.opendocument.text';

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
].join(' ');

/** Text inside `text:p`: runs of spaces kept with `text:s`, as OpenDocument collapses them otherwise. */
function paragraphText(text: string): string {
  return escapeXml(text).replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`);
}

function manifest(mime: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${mime}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;
}

function document(mime: string, content: string, styles: string): Uint8Array<ArrayBuffer> {
  return zip([
    { name: 'mimetype', content: mime },
    { name: 'META-INF/manifest.xml', content: manifest(mime) },
    { name: 'content.xml', content },
    { name: 'styles.xml', content: styles },
  ]);
}

/** One sheet of a spreadsheet: a bold header row, then rows of text cells. */
export interface Sheet {
  name: string;
  header: readonly string[];
  rows?: readonly (readonly string[])[];
  /** Column width in centimetres. */
  columnWidth?: number;
}

function cell(text: string, style?: string): string {
  const styled = style ? ` table:style-name="${style}"` : '';
  return text === ''
    ? `<table:table-cell${styled}/>`
    : `<table:table-cell${styled} office:value-type="string"><text:p>${paragraphText(text)}</text:p></table:table-cell>`;
}

/** An .ods spreadsheet of text sheets. */
export function spreadsheet(sheets: readonly Sheet[]): Uint8Array<ArrayBuffer> {
  const widths = [...new Set(sheets.map((sheet) => sheet.columnWidth ?? 4))];
  const columnStyles = widths
    .map(
      (width, index) =>
        `<style:style style:name="co${index + 1}" style:family="table-column"><style:table-column-properties style:column-width="${width}cm"/></style:style>`,
    )
    .join('');
  const tables = sheets
    .map((sheet) => {
      const column = `co${widths.indexOf(sheet.columnWidth ?? 4) + 1}`;
      const rows = (sheet.rows ?? [])
        .map((row) => `<table:table-row>${row.map((text) => cell(text, 'body')).join('')}</table:table-row>`)
        .join('');
      return (
        `<table:table table:name="${escapeXml(sheet.name)}">` +
        `<table:table-column table:style-name="${column}" table:number-columns-repeated="${sheet.header.length}" table:default-cell-style-name="body"/>` +
        `<table:table-header-rows><table:table-row>${sheet.header.map((text) => cell(text, 'head')).join('')}</table:table-row></table:table-header-rows>` +
        rows +
        '</table:table>'
      );
    })
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NAMESPACES} office:version="1.3"><office:automatic-styles>${columnStyles}<style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:background-color="#e8e8e8" fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="body" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap"/></style:style></office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>
`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NAMESPACES} office:version="1.3"><office:styles><style:default-style style:family="table-cell"><style:text-properties fo:language="fr" fo:country="FR"/></style:default-style></office:styles></office:document-styles>
`;
  return document(ODS_MIME, content, styles);
}

/** Paragraph style of each letter block in the .odt. */
const BLOCK_STYLES: Record<LetterBlock['kind'], string> = {
  sender: 'Expediteur',
  recipient: 'Destinataire',
  'place-date': 'Destinataire',
  mention: 'Mention',
  object: 'Objet',
  salutation: 'Corps',
  paragraph: 'Corps',
  list: 'Liste',
  closing: 'Corps',
  signature: 'Signature',
  attachments: 'PiecesJointes',
};

/** The letter as an .odt text document on A4 paper, one paragraph per block. */
export function letterDocument(blocks: readonly LetterBlock[]): Uint8Array<ArrayBuffer> {
  const body = blocks
    .map((block) => {
      const style = BLOCK_STYLES[block.kind];
      if (block.kind === 'list')
        return block.lines
          .map((line) => `<text:p text:style-name="${style}">– ${paragraphText(line)}</text:p>`)
          .join('');
      if (block.kind === 'attachments') {
        return [block.lines[0]!, ...block.lines.slice(1).map((line) => `– ${line}`)]
          .map((line) => `<text:p text:style-name="${style}">${paragraphText(line)}</text:p>`)
          .join('');
      }
      return `<text:p text:style-name="${style}">${block.lines.map(paragraphText).join('<text:line-break/>')}</text:p>`;
    })
    .join('\n');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NAMESPACES} office:version="1.3"><office:body><office:text>
${body}
</office:text></office:body></office:document-content>
`;
  const paragraph = (name: string, properties: string, text = '') =>
    `<style:style style:name="${name}" style:family="paragraph"><style:paragraph-properties ${properties}/>${text ? `<style:text-properties ${text}/>` : ''}</style:style>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NAMESPACES} office:version="1.3"><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:font-family="'Liberation Serif', 'Times New Roman', serif" fo:font-size="11pt" fo:language="fr" fo:country="FR"/></style:default-style>${[
    paragraph('Expediteur', 'fo:margin-bottom="0.6cm"'),
    paragraph('Destinataire', 'fo:margin-left="9cm" fo:margin-bottom="0.6cm"'),
    paragraph('Mention', 'fo:margin-bottom="0.3cm"', 'fo:font-style="italic"'),
    paragraph('Objet', 'fo:margin-bottom="0.6cm"', 'fo:font-weight="bold"'),
    paragraph('Corps', 'fo:margin-bottom="0.3cm" fo:text-align="justify"'),
    paragraph('Liste', 'fo:margin-left="0.6cm" fo:margin-bottom="0.1cm"'),
    paragraph(
      'Signature',
      'fo:margin-left="9cm" fo:margin-top="0.4cm" fo:margin-bottom="2cm" fo:keep-with-next="always"',
    ),
    paragraph('PiecesJointes', 'fo:margin-bottom="0.05cm"', 'fo:font-size="10pt"'),
  ].join(
    '',
  )}</office:styles><office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles></office:document-styles>
`;
  return document(ODT_MIME, content, styles);
}
