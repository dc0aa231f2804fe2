import Papa from 'papaparse';

/**
 * A CSV download that Excel opens with Cyrillic text in columns: a byte-order mark and semicolons.
 * Every field is quoted and formulas are neutralised: names come from people, and a spreadsheet must not run them.
 * What goes into the cells is formatted by src/server/views/exports.ts.
 */
export function csvResponse(filename: string, { header, rows }: { header: string[]; rows: string[][] }): Response {
  const text = Papa.unparse(
    { fields: header, data: rows },
    { delimiter: ';', quotes: true, escapeFormulae: true },
  );
  return new Response(`\uFEFF${text}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/**
 * The payroll file for 1C (src/domain/pay-statement.ts PAYROLL_COLUMNS): semicolons, a byte-order
 * mark and CRLF like csvResponse, but amounts are left as the plain numbers 1C reads ("-2500,00", never
 * quoted or prefixed); names are quoted and a name that starts like a formula is neutralised.
 */
export function payrollCsvResponse(filename: string, { header, rows }: { header: string[]; rows: string[][] }): Response {
  const amount = /^-?\d+(,\d+)?$/;
  const text = Papa.unparse(
    { fields: header, data: rows },
    { delimiter: ';', newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && !amount.test(value), escapeFormulae: /^(?!-?\d+(,\d+)?$)[=+\-@\t\r]/ },
  );
  return new Response(`\uFEFF${text}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}
