import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { samplePdf, samplePng } from '../../domains/documents/samples.ts';
import { checkUpload, contentDisposition, safeFileName, sniff, zipEntryNames } from './sniff.ts';

/** A zip of stored (uncompressed) entries, enough for the sniffer to read its central directory. */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const docx = () => storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });

describe('what a file really is', () => {
  it('recognises each accepted kind from its bytes', async () => {
    assert.equal(sniff(samplePdf(['A letter'])), 'pdf');
    assert.equal(sniff(samplePng(4, 4, [10, 20, 30])), 'png');
    assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'jpeg');
    assert.equal(sniff(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), 'gif');
    assert.equal(sniff(docx()), 'docx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet').addRow(['Attendance', 92]);
    assert.equal(sniff(Buffer.from(await workbook.xlsx.writeBuffer())), 'xlsx');
    assert.equal(sniff(Buffer.from('Notes from the home visit.\nAll well.\n')), 'text');
  });

  it('refuses a web page, SVG, a program, a plain zip, macros and binary junk', () => {
    assert.equal(sniff(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>')), 'html');
    assert.equal(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), 'html');
    assert.equal(sniff(Buffer.from('  <?xml version="1.0"?><svg/>')), 'html');
    assert.equal(sniff(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')), null);
    assert.equal(sniff(Buffer.from('\x7fELF\x02\x01\x01', 'latin1')), null);
    assert.equal(sniff(storedZip({ 'a.txt': 'x' })), null);
    assert.equal(sniff(storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': 'x', 'word/vbaProject.bin': 'x' })), 'zip-macro');
    assert.equal(sniff(Buffer.from([0xc3, 0x28, 0x41])), null, 'not UTF-8');
  });

  it('checks the name agrees with the contents', () => {
    assert.deepEqual(checkUpload('letter.pdf', samplePdf(['x'])), { ok: true, kind: 'pdf' });
    assert.deepEqual(checkUpload('Photo.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0])), { ok: true, kind: 'jpeg' });
    const html = checkUpload('report.pdf', Buffer.from('<html><script>steal()</script></html>'));
    assert.equal(html.ok, false);
    assert.match(!html.ok ? html.message : '', /web page/);
    const exe = checkUpload('report.pdf', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'));
    assert.match(!exe.ok ? exe.message : '', /must be a PDF, Word document/);
    const renamed = checkUpload('photo.png', samplePdf(['x']));
    assert.match(!renamed.ok ? renamed.message : '', /named as a PNG image but its contents are not/);
    const unknown = checkUpload('letter.bin', samplePdf(['x']));
    assert.match(!unknown.ok ? unknown.message : '', /name must end in \.pdf/);
    const textAsPdf = checkUpload('notes.pdf', Buffer.from('plain words'));
    assert.match(!textAsPdf.ok ? textAsPdf.message : '', /named as a PDF but its contents are not/);
    assert.match((checkUpload('empty.txt', Buffer.alloc(0)) as { message: string }).message, /empty/);
  });

  it('reads the entry names of a zip, and gives up on a broken one', () => {
    assert.deepEqual(zipEntryNames(docx()), ['[Content_Types].xml', 'word/document.xml']);
    assert.equal(zipEntryNames(docx().subarray(0, 40)), null);
  });

  it('makes names harmless: no folders, no traversal, no control characters, never empty', () => {
    assert.equal(safeFileName('../../etc/passwd.txt', 'txt'), 'passwd.txt');
    assert.equal(safeFileName('..\\..\\windows\\system32\\evil.pdf', 'pdf'), 'evil.pdf');
    assert.equal(safeFileName('report\u0000.pdf\r\n', 'pdf'), 'report.pdf');
    assert.equal(safeFileName('...', 'pdf'), 'document.pdf');
    assert.equal(safeFileName('a"b<c>|d.pdf', 'pdf'), 'abcd.pdf');
    assert.equal(safeFileName('Lettre à l’école.PDF', 'pdf'), 'Lettre à l’école.pdf');
    assert.ok(safeFileName(`${'x'.repeat(500)}.pdf`, 'pdf').length <= 120);
  });

  it('offers the name in Content-Disposition both plainly and encoded', () => {
    const header = contentDisposition('attachment', 'Lettre à l’école (1).pdf');
    assert.equal(header, `attachment; filename="Lettre _ l__cole (1).pdf"; filename*=UTF-8''Lettre%20%C3%A0%20l%E2%80%99%C3%A9cole%20%281%29.pdf`);
    assert.equal(contentDisposition('inline', 'a"b\\c.pdf'), `inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
    assert.doesNotMatch(header, /[\r\n]/);
  });
});
