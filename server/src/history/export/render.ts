// Renders an export document as CSV, XLSX or PDF (rules X1–X5). Built in the exports slice of issue 14;
// until then every format answers 501 export-unavailable through the routes' error handling.
import type { ExportFormat } from '@nobat/protocol';
import type { ExportDoc } from '../export-doc.ts';

export interface RenderedExport {
  body: Uint8Array;
  contentType: string;
  /** With its extension. */
  fileName: string;
}

export async function renderDoc(format: ExportFormat, doc: ExportDoc): Promise<RenderedExport> {
  throw new Error(`export to ${format} of ${doc.fileName} is not built yet`);
}
