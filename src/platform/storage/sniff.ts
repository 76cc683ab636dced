/**
 * What a file really is, read from its bytes (its "magic number" and, for zip-based office files, its contents),
 * never from its name or the type the browser claimed. Only the types below are accepted; everything else —
 * executables, HTML, SVG (which can carry script), archives, macro-enabled office files — is refused.
 */

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'docx' | 'xlsx' | 'text';

export interface KindInfo {
  contentType: string;
  /** The extensions a file of this kind may have, lower case, without the dot. */
  extensions: readonly string[];
  label: string;
  /** Shown inline in the preview (an image, or a PDF in the browser's viewer). */
  preview: 'image' | 'pdf' | null;
}

export const KINDS: Record<FileKind, KindInfo> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF', preview: 'pdf' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG image', preview: 'image' },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image', preview: 'image' },
  gif: { contentType: 'image/gif', extensions: ['gif'], label: 'GIF image', preview: 'image' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word document', preview: null },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel spreadsheet', preview: null },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'Text file', preview: null },
};

export const ACCEPTED_DESCRIPTION = 'a PDF, Word document (DOCX), Excel spreadsheet (XLSX), JPG, PNG, GIF or text file (TXT)';

export type SniffResult = { ok: true; kind: FileKind } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The kind of file these bytes are, or null when they are none of the accepted kinds. */
export function sniff(bytes: Uint8Array): FileKind | 'zip-macro' | 'html' | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names || !names.includes('[Content_Types].xml')) return null;
    if (names.some((n) => /vbaProject\.bin$/i.test(n))) return 'zip-macro';
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  return plainText(bytes);
}

/**
 * Checks an upload: an accepted kind, and a name whose extension belongs to that kind (a ".pdf" that is really a
 * web page, or a program renamed, is refused with a message saying what was wrong).
 */
export function checkUpload(fileName: string, bytes: Uint8Array): SniffResult {
  if (!bytes.byteLength) return { ok: false, message: 'The selected file is empty' };
  const kind = sniff(bytes);
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (kind === 'zip-macro') return { ok: false, message: 'The selected file contains macros, which can run code. Save it without macros (as DOCX or XLSX) and select it again' };
  if (kind === 'html') return { ok: false, message: 'The selected file is a web page, which cannot be uploaded. It must be ' + ACCEPTED_DESCRIPTION };
  if (!kind) return { ok: false, message: `The selected file must be ${ACCEPTED_DESCRIPTION}` };
  const info = KINDS[kind];
  if (!info.extensions.includes(extension)) {
    const claimed = Object.values(KINDS).find((k) => k.extensions.includes(extension));
    return {
      ok: false,
      message: claimed
        ? `The selected file is named as a ${claimed.label} but its contents are not. Check it is the right file, and select it again`
        : `The selected file’s name must end in .${info.extensions[0]} for a ${info.label}`,
    };
  }
  return { ok: true, kind };
}

/**
 * Text: valid UTF-8 with no control characters beyond tab, line feed, carriage return and form feed, and nothing a
 * browser would take for a web page or script (markup, SVG, XML).
 */
function plainText(bytes: Uint8Array): 'text' | 'html' | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being looked for
  if (/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return null;
  if (/<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|img|a\s|\?xml|!\[cdata)/i.test(text)) return 'html';
  return 'text';
}

/** The names of a zip's entries from its central directory, or null if it is not a zip that can be read. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record is in the last 22 + 65535 (comment) bytes.
  const floor = Math.max(0, bytes.byteLength - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.byteLength) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * A file name safe to keep and to offer back in Content-Disposition: the last part of whatever path was sent (no
 * folders, no "..", no control or reserved characters), at most 120 characters, never empty. It is only ever shown
 * and offered as a download name; the file is stored under a random key.
 */
export function safeFileName(name: string, fallbackExtension: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are removed from names
    .replace(/[\x00-\x1f\x7f<>:"|?*;]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .trim();
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(cleaned)?.[1] ?? fallbackExtension;
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,8}$/, '').slice(0, 110) || 'document';
  return `${stem}.${extension.toLowerCase()}`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''encoded` for a safe name (RFC 6266 and 5987). */
export function contentDisposition(disposition: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
