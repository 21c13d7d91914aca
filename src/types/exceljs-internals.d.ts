/** ExcelJS's streaming XML event reader (saxes in batches per chunk), used by src/lib/spreadsheet/xlsx-xml.ts. */
declare module 'exceljs/lib/utils/parse-sax.js' {
  type SaxEvent =
    | { eventType: 'opentag'; value: { name: string; attributes: Record<string, string | undefined> } }
    | { eventType: 'closetag'; value: { name: string } }
    | { eventType: 'text'; value: string };
  export default function parseSax(source: AsyncIterable<string | Buffer>): AsyncGenerator<SaxEvent[]>;
}
