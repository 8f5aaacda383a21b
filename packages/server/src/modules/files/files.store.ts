import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Received {
  /** The bytes as received, not yet in the store. */
  tempPath: string;
  sha256: string;
  size: number;
  /** More bytes were sent than `maxBytes`; the file is incomplete and must be refused. */
  truncated: boolean;
}

/** Flushes a file or directory to disk (a rename is durable only once its directory is synced). */
async function fsyncPath(p: string, flags = 'r'): Promise<void> {
  const h = await open(p, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Content-addressed store: the bytes of a file live at `<root>/ab/cd/<sha256>` and never change.
 * Writes go to `<root>/tmp/` first, are fsynced, then renamed into place, so a crash leaves either
 * the whole file or none; the same bytes are stored once however often they are uploaded.
 */
export class FileStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams an upload into a temporary file, hashing and counting as it goes. Stops writing after
   * `maxBytes` (the rest of the stream is still read, so the request completes) and says so.
   */
  async receive(stream: Readable, maxBytes: number): Promise<Received> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tempPath = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    let truncated = false;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (truncated) return done();
        if (size + chunk.length > maxBytes) {
          truncated = true;
          return done();
        }
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (e) {
      await rm(tempPath, { force: true });
      throw e;
    }
    return { tempPath, sha256: hash.digest('hex'), size, truncated };
  }

  /** The first `n` bytes of a received file (for type detection). */
  async head(tempPath: string, n: number): Promise<Buffer> {
    const h = await open(tempPath, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await h.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  }

  readAll(tempPath: string): Promise<Buffer> {
    return readFile(tempPath);
  }

  /** Moves a received file into place durably; 'existed' when the same bytes were stored before. */
  async commit(r: Received): Promise<'stored' | 'existed'> {
    const dest = this.pathOf(r.sha256);
    if (await this.has(r.sha256)) {
      await rm(r.tempPath, { force: true });
      return 'existed';
    }
    await fsyncPath(r.tempPath, 'r+');
    const dir = path.dirname(dest);
    await mkdir(dir, { recursive: true });
    // rename replaces atomically: a concurrent upload of the same bytes writes the same content.
    await rename(r.tempPath, dest);
    await fsyncPath(dir);
    await fsyncPath(path.dirname(dir));
    return 'stored';
  }

  async discard(r: Received | null): Promise<void> {
    if (r) await rm(r.tempPath, { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
