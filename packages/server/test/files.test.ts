import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_DOCX, MIME_OFD, MIME_XLSX } from '@minewatch/core';
import { json, multipart, testApp, type TestApp } from './harness.js';

const FIX = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIX));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small but well-formed PDF (one empty page). */
function pdf(text = 'minewatch'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}
const ooxml = (main: string) => Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), [main]: strToU8('<x/>'), '_rels/.rels': strToU8('<Relationships/>') }));

let t: TestApp;
let filesDir: string;
let office: string;
let kelan: string;
let leader: string;
let inspector: string;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'mw-files-test-'));
  t = await testApp({ filesDir });
  [office, kelan, leader, inspector] = (await Promise.all(['dehong.office', 'kelan.office', 'dehong.leader', 'dehong.inspector'].map((u) => t.login(u)))) as [string, string, string, string];
});
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

function upload(cookie: string | null, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const m = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, ...(cookie ? { cookie } : {}) } });
}
const blobPath = (h: string) => path.join(filesDir, h.slice(0, 2), h.slice(2, 4), h);
const tmpLeft = () => (existsSync(path.join(filesDir, 'tmp')) ? readdirSync(path.join(filesDir, 'tmp')) : []);
const uploads = async () => (await t.db.selectFrom('audit_event').select('seq').where('action', '=', 'file.upload').execute()).length;

describe('upload', () => {
  it('stores a JPEG by its SHA-256, reads its EXIF GPS position and capture time', async () => {
    const bytes = fixture('site-photo-gps.jpg');
    const res = await upload(office, { purpose: 'photo', regionCode: '533103' }, { name: '封堵照片 1.jpg', bytes });
    expect(res.statusCode, res.body).toBe(201);
    const f = json(res);
    expect(f).toMatchObject({ sha256: sha(bytes), size: bytes.length, mime: 'image/jpeg', name: '封堵照片 1.jpg', regionCode: '533103', uploadedBy: 'dehong.office', deduplicated: false });
    // exiftool -n reads 24.4331 / 98.5856 / 2024:05:12 10:30:00 (no offset: China time)
    expect(f.exif.lat).toBeCloseTo(24.4331, 6);
    expect(f.exif.lon).toBeCloseTo(98.5856, 6);
    expect(f.exif.takenAt).toBe('2024-05-12T02:30:00.000Z');
    expect(readFileSync(blobPath(f.sha256)).equals(bytes)).toBe(true);
    expect(tmpLeft()).toEqual([]);
    const audit = await t.db.selectFrom('audit_event').selectAll().where('entity_id', '=', f.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['file.upload']);
    expect(audit[0]!.region_code).toBe('533103');
  });

  it('honours southern/western references and the offset the camera recorded', async () => {
    const res = await upload(office, { purpose: 'photo' }, { name: 'sw.jpg', bytes: fixture('photo-gps-sw.jpg') });
    expect(res.statusCode, res.body).toBe(201);
    const f = json(res);
    expect(f.regionCode).toBe('533100'); // the uploader's own region when none is given
    expect(f.exif.lat).toBeCloseTo(-34.6037, 6);
    expect(f.exif.lon).toBeCloseTo(-58.3816, 6);
    expect(f.exif.takenAt).toBe('2023-11-02T19:05:09.000Z');
  });

  it('accepts PNG and WebP photos without EXIF', async () => {
    const png = json(await upload(office, { purpose: 'photo' }, { name: 'a.png', bytes: fixture('photo-no-exif.png') }));
    expect(png).toMatchObject({ mime: 'image/png', exif: null });
    const webp = json(await upload(office, { purpose: 'photo' }, { name: 'a.webp', bytes: fixture('photo.webp') }));
    expect(webp).toMatchObject({ mime: 'image/webp', exif: null });
  });

  it('tells the type by content, not by the name the client gives', async () => {
    const res = await upload(office, { purpose: 'document' }, { name: 'report.pdf', bytes: fixture('site-photo-gps.jpg') });
    expect(json(res).mime).toBe('image/jpeg');
    const fake = await upload(office, { purpose: 'photo' }, { name: 'photo.jpg', bytes: Buffer.from('this is not a picture at all') });
    expect(fake.statusCode).toBe(400);
    expect(json(fake).error.details).toEqual([{ path: 'body.file', message: expect.stringMatching(/photo\.jpg is an unrecognised type; a photo must be JPG, PNG, WEBP, HEIC/) }]);
    const svg = await upload(office, { purpose: 'photo' }, { name: 'x.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
    expect(json(svg).error.message).toMatch(/markup/);
  });

  it('recognises PDF, DOCX, XLSX and OFD documents and refuses other archives', async () => {
    const cases: [string, Buffer, string][] = [
      ['通知.pdf', pdf(), 'application/pdf'],
      ['台账.docx', ooxml('word/document.xml'), MIME_DOCX],
      ['台账.xlsx', ooxml('xl/workbook.xml'), MIME_XLSX],
      ['公文.ofd', Buffer.from(zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>'), 'Doc_0/Document.xml': strToU8('<x/>') })), MIME_OFD],
    ];
    for (const [name, bytes, mime] of cases) {
      const res = await upload(office, { purpose: 'document' }, { name, bytes });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(json(res).mime).toBe(mime);
    }
    const zip = await upload(office, { purpose: 'document' }, { name: 'a.docx', bytes: Buffer.from(zipSync({ 'readme.txt': strToU8('hi') })) });
    expect(zip.statusCode).toBe(400);
    expect(json(zip).error.message).toMatch(/a ZIP archive that is not a Word, Excel or OFD document/);
    const ole = await upload(office, { purpose: 'document' }, { name: 'old.doc', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]) });
    expect(json(ole).error.message).toMatch(/legacy Office file/);
    // a PDF is a document, not a photo
    const asPhoto = await upload(office, { purpose: 'photo' }, { name: 'scan.pdf', bytes: pdf('as photo') });
    expect(asPhoto.statusCode).toBe(400);
    expect(json(asPhoto).error.message).toMatch(/scan\.pdf is a PDF document; a photo must be JPG, PNG, WEBP, HEIC/);
  });

  it('recognises HEIC by its ftyp brand and refuses AVIF', async () => {
    const box = (major: string, ...compatible: string[]) => {
      const b = Buffer.alloc(16 + 4 * compatible.length + 64);
      b.writeUInt32BE(16 + 4 * compatible.length, 0);
      b.write('ftyp', 4, 'latin1');
      b.write(major, 8, 'latin1');
      compatible.forEach((c, i) => b.write(c, 16 + 4 * i, 'latin1'));
      return b;
    };
    // exifr loops forever on this truncated HEIC: the worker is stopped after 3 s and the photo kept without EXIF
    const heic = await upload(office, { purpose: 'photo' }, { name: 'IMG_0001.HEIC', bytes: box('heic', 'mif1', 'heic') });
    expect(heic.statusCode, heic.body).toBe(201);
    expect(json(heic)).toMatchObject({ mime: 'image/heic', exif: null });
    expect(json(await upload(office, { purpose: 'photo' }, { name: 'IMG_0002.HEIC', bytes: box('mif1', 'mif1', 'heix') })).mime).toBe('image/heic');
    const avif = await upload(office, { purpose: 'photo' }, { name: 'a.avif', bytes: box('avif', 'mif1', 'avif') });
    expect(avif.statusCode).toBe(400);
    expect(json(avif).error.message).toMatch(/AVIF/);
  });

  it('enforces the size limit of each purpose and leaves nothing behind', async () => {
    const before = await uploads();
    const bigPhoto = Buffer.concat([fixture('site-photo-gps.jpg'), Buffer.alloc(20 * 1024 * 1024)]);
    const res = await upload(office, { purpose: 'photo' }, { name: 'big.jpg', bytes: bigPhoto });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details).toEqual([{ path: 'body.file', message: 'big.jpg is larger than 20.0 MiB, the limit for a photo' }]);
    // the same size is fine for a document (a scan stored as JPEG)
    const asDoc = await upload(office, { purpose: 'document' }, { name: 'big-scan.jpg', bytes: bigPhoto });
    expect(asDoc.statusCode, asDoc.body).toBe(201);
    const tooBig = Buffer.concat([pdf(), Buffer.alloc(50 * 1024 * 1024)]);
    const doc = await upload(office, { purpose: 'document' }, { name: 'huge.pdf', bytes: tooBig });
    expect(doc.statusCode).toBe(400);
    expect(json(doc).error.message).toMatch(/huge\.pdf is larger than 50\.0 MiB, the limit for a document/);
    expect(await uploads()).toBe(before + 1);
    expect(existsSync(blobPath(sha(bigPhoto)))).toBe(true);
    expect(existsSync(blobPath(sha(tooBig)))).toBe(false);
    expect(tmpLeft()).toEqual([]);
  });

  it('stores the same bytes once: one record per region, one blob on disk', async () => {
    const bytes = pdf('dedupe');
    const a = await upload(office, { purpose: 'document', regionCode: '533102' }, { name: 'a.pdf', bytes });
    const b = await upload(office, { purpose: 'document', regionCode: '533102' }, { name: 'b.pdf', bytes });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(json(b)).toMatchObject({ id: json(a).id, name: 'a.pdf', deduplicated: true });
    const c = await upload(office, { purpose: 'document', regionCode: '533103' }, { name: 'c.pdf', bytes });
    expect(c.statusCode).toBe(201);
    expect(json(c).id).not.toBe(json(a).id);
    const rows = await t.db.selectFrom('file').select(['id']).where('sha256', '=', sha(bytes)).execute();
    expect(rows).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'file.upload').where('entity_id', 'in', rows.map((r) => r.id)).execute();
    expect(audit).toHaveLength(2);
    const dir = path.dirname(blobPath(sha(bytes)));
    expect(readdirSync(dir).filter((n) => n === sha(bytes))).toHaveLength(1);
  });

  it('answers bad requests with the field at fault', async () => {
    const noFile = await upload(office, { purpose: 'photo' });
    expect(json(noFile).error.details).toEqual([{ path: 'body.file', message: 'required' }]);
    const noPurpose = await upload(office, {}, { name: 'a.png', bytes: fixture('photo-no-exif.png') });
    expect(noPurpose.statusCode).toBe(400);
    expect(json(noPurpose).error.details[0].path).toBe('body.purpose');
    const badRegion = await upload(office, { purpose: 'photo', regionCode: '53310' }, { name: 'a.png', bytes: fixture('photo-no-exif.png') });
    expect(json(badRegion).error.details[0].path).toBe('body.regionCode');
    const unknown = await upload(office, { purpose: 'photo', regionCode: '533199' }, { name: 'a.png', bytes: fixture('photo-no-exif.png') });
    expect(json(unknown).error.details).toEqual([{ path: 'body.regionCode', message: 'unknown region code 533199' }]);
    const empty = await upload(office, { purpose: 'photo' }, { name: 'empty.jpg', bytes: Buffer.alloc(0) });
    expect(json(empty).error.details).toEqual([{ path: 'body.file', message: 'empty.jpg is empty' }]);
    const json400 = await t.app.inject({ method: 'POST', url: '/api/files', payload: { purpose: 'photo' }, headers: { cookie: office } });
    expect(json400.statusCode).toBe(400);
    expect(tmpLeft()).toEqual([]);
  });

  it('keeps uploads within the uploader\'s region and role', async () => {
    const png = fixture('photo-no-exif.png');
    const foreign = await upload(kelan, { purpose: 'photo', regionCode: '533100' }, { name: 'a.png', bytes: png });
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign).error.details).toEqual([{ path: 'body.regionCode', message: 'region 533100 is outside your region' }]);
    expect((await upload(leader, { purpose: 'photo' }, { name: 'a.png', bytes: png })).statusCode).toBe(403);
    expect((await upload(null, { purpose: 'photo' }, { name: 'a.png', bytes: png })).statusCode).toBe(401);
    // inspectors photograph what they find
    expect((await upload(inspector, { purpose: 'photo' }, { name: 'a.png', bytes: png })).statusCode).toBe(201);
  });
});

describe('download', () => {
  it('streams the bytes with type, ETag, RFC 5987 name, 304 on a matching ETag, and HEAD', async () => {
    const bytes = fixture('site-photo-gps.jpg');
    const up = json(await upload(office, { purpose: 'photo', regionCode: '533103' }, { name: '封堵照片 1.jpg', bytes }));
    const res = await t.app.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: { cookie: office } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers.etag).toBe(`"${sha(bytes)}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`inline; filename="____ 1.jpg"; filename*=UTF-8''${encodeURIComponent('封堵照片')}%201.jpg`);
    const again = await t.app.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: { cookie: office, 'if-none-match': `"${sha(bytes)}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const head = await t.app.inject({ method: 'HEAD', url: `/api/files/${up.id}`, headers: { cookie: office } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    // a document is offered as a download
    const doc = json(await upload(office, { purpose: 'document' }, { name: '台账.xlsx', bytes: ooxml('xl/workbook.xml') }));
    const d = await t.app.inject({ method: 'GET', url: `/api/files/${doc.id}`, headers: { cookie: office } });
    expect(d.headers['content-disposition']).toMatch(/^attachment; filename="__\.xlsx"; filename\*=UTF-8''%E5%8F%B0%E8%B4%A6\.xlsx$/);
    expect(d.headers['content-type']).toBe(MIME_XLSX);
  });

  it('is scoped by the file\'s region: other regions and sub-regions get 404', async () => {
    const up = json(await upload(office, { purpose: 'photo', regionCode: '533100' }, { name: 'p.webp', bytes: fixture('photo.webp') }));
    const cadre = await t.login('dehong.cadre'); // 芒市镇, below 533100: cannot see a prefecture file
    for (const c of [kelan, cadre]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: { cookie: c } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('p.webp');
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: { cookie: leader } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${up.id}` })).statusCode).toBe(401);
  });
});
