// Reading a workspace file as the engine needs it: cheap rejection before decoding (size, binary;
// the trigger-word prefilter is core/prefilter.ts), then decoding that remembers the encoding (UTF-8, UTF-8 with BOM, UTF-16 LE/BE
// with BOM) so --fix can write the file back byte-for-byte in the same encoding.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** False when the bytes were not valid in their encoding (replacement characters): never written back. */
  lossless: boolean;
}

/** Files above this size are skipped (the extension's azureAiAuthDoctor.maxFileSizeKB default). */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * `skip`: why the file was not read. `failed`: it could not be read (an error, reported and counted
 * in the exit code), as opposed to a file the tool declines to read (too large, not a regular file).
 */
export type ReadOutcome = { bytes: Buffer } | { skip: string; failed?: boolean };

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

export interface ReadOptions {
  /** Refuse a symbolic link instead of reading its target (.gitignore: git does not follow them either). */
  noFollow?: boolean;
}

/**
 * The only way the CLI reads a workspace file: a regular file (checked on the open descriptor, so a
 * FIFO, a device or a symlink to /dev/zero is refused without reading a byte), at most maxBytes of
 * it. With `scratch` (longer than maxBytes) the bytes are read into it and returned as a view, valid
 * until the next read. Opened non-blocking, so a FIFO that replaced a file since the walk cannot hang the scan.
 */
export function readFileBounded(
  path: string,
  maxBytes = MAX_FILE_BYTES,
  scratch?: Buffer,
  options: ReadOptions = {},
): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (options.noFollow && code === 'ELOOP') return { skip: 'a symbolic link (not followed)' };
    if (code === 'ENOENT') return { skip: 'deleted during the scan' };
    return { skip: `cannot open (${code ?? (e as Error).message})`, failed: true };
  }
  try {
    if (!fstatSync(fd).isFile()) return { skip: 'not a regular file (a pipe, socket or device)' };
    const buffer = scratch && scratch.length > maxBytes ? scratch : Buffer.allocUnsafe(maxBytes + 1);
    // One read of up to maxBytes + 1: a regular file returns less only at its end (no extra read for EOF).
    const read = readSync(fd, buffer, 0, maxBytes + 1, 0);
    if (read > maxBytes) {
      const stat = fstatSync(fd);
      return { skip: `too large (${megabytes(stat.size)}; limit ${megabytes(maxBytes)})` };
    }
    if (buffer === scratch) return { bytes: buffer.subarray(0, read) };
    return { bytes: Buffer.from(buffer.subarray(0, read)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { skip: 'not a regular file' };
    if (code === 'EAGAIN') return { skip: 'not a regular file (a pipe or device)' };
    return { skip: `cannot read (${code ?? (e as Error).message})`, failed: true };
  } finally {
    closeSync(fd);
  }
}

const swapBytes = (bytes: Buffer): Buffer => {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
};

export function encodingOf(bytes: Buffer): Encoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/** Binary files (NUL bytes in the first 8000 bytes, as git decides) are not text; UTF-16 with a BOM is. */
export function isBinary(bytes: Buffer, encoding: Encoding): boolean {
  if (encoding === 'utf16le' || encoding === 'utf16be') return false;
  const head = bytes.length > 8000 ? bytes.subarray(0, 8000) : bytes;
  return head.indexOf(0) !== -1;
}

export function decode(bytes: Buffer, encoding = encodingOf(bytes)): DecodedText {
  switch (encoding) {
    case 'utf8bom': {
      const body = bytes.subarray(3);
      return { text: body.toString('utf8'), encoding, lossless: isUtf8(body) };
    }
    case 'utf16le': {
      const body = bytes.subarray(2);
      return { text: body.toString('utf16le'), encoding, lossless: body.length % 2 === 0 };
    }
    case 'utf16be': {
      const body = bytes.subarray(2);
      return { text: swapBytes(body).toString('utf16le'), encoding, lossless: body.length % 2 === 0 };
    }
    default:
      return { text: bytes.toString('utf8'), encoding, lossless: isUtf8(bytes) };
  }
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return Buffer.from(text, 'utf8');
  }
}

/**
 * Minified or generated code: huge lines that no person wrote (analysis would be slow and useless).
 * CR, LF and CRLF all end a line. Notebooks are exempt: an image output is one long base64 line, and
 * the engine analyses only their code cells.
 */
export function minifiedReason(text: string, path = ''): string | undefined {
  if (text.length < 100_000 || /\.ipynb$/i.test(path)) return undefined;
  let longest = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 10 : text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i - start > longest) longest = i - start;
    start = i + 1;
  }
  return longest > 20_000 ? `minified or generated (a line of ${longest} characters)` : undefined;
}
