import crypto from 'node:crypto';
import zlib from 'node:zlib';

/** Small real files of each kind, made here rather than shipped as binaries. */

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG of one colour, `size`×`size` pixels (an image browsers render). */
export function png(size = 8, rgb: [number, number, number] = [32, 120, 200]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PNG signature followed by `bytes` of noise: a large file for chunked storage (detected as PNG by its magic number). */
export function largePng(bytes: number): Buffer {
  return Buffer.concat([png(), crypto.randomBytes(bytes)]);
}

/** A one-page PDF with a line of text. */
export function pdf(text = 'Contract'): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Files that must never be attached, whatever they are called. */
export const HOSTILE_FILES = {
  elf: Buffer.concat([Buffer.from('7f454c460201010000000000000000000200', 'hex'), Buffer.alloc(200)]),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
  macho: Buffer.concat([Buffer.from('cffaedfe07000001', 'hex'), Buffer.alloc(200)]),
  html: Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/customers")</script></body></html>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'),
  xml: Buffer.from('<?xml version="1.0"?><note>hi</note>'),
  script: Buffer.from('#!/bin/sh\nrm -rf ~\n'),
  binary: crypto.randomBytes(512),
  latin1Text: Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'),
  controlText: Buffer.from('bell\u0007 in text\n'),
} as const;
