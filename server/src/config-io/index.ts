// Export and import of a branch's configuration, as a JSON file and as an XLSX workbook (SPEC X1–X5).
export { applyImportedConfig, type ImportedConfig } from './apply.ts';
export { fromWorkbook, type WorkbookRead } from './from-workbook.ts';
export { BranchConfigFile, toJsonFile } from './json-file.ts';
export { type ImportRules, type Judged, judgeImport } from './judge.ts';
export { NO_TRACING } from './problems.ts';
export { readXlsx, type XlsxRead } from './read-xlsx.ts';
export { FORMAT, FORMAT_VERSION, SHEETS, sheetName } from './sheets.ts';
export { toWorkbook, toXlsx } from './to-workbook.ts';
