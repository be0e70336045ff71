// Renders an export document as CSV, XLSX or PDF (server/SPEC.md, Exports: XP1–XP5).
import { EXPORT_CONTENT_TYPE, type ExportFormat } from '@nobat/protocol';
import type { ExportDoc } from '../export-doc.ts';
import { renderCsv } from './csv.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export interface RenderedExport {
  body: Uint8Array;
  contentType: string;
  /** With its extension. */
  fileName: string;
}

export async function renderDoc(format: ExportFormat, doc: ExportDoc): Promise<RenderedExport> {
  const body = format === 'csv' ? renderCsv(doc) : format === 'xlsx' ? await renderXlsx(doc) : renderPdf(doc);
  return { body, contentType: EXPORT_CONTENT_TYPE[format], fileName: `${doc.fileName}.${format}` };
}
