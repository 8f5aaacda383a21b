/**
 * A JSON array as UTF-8 bytes, written element by element, for bulk INSERTs that read it with
 * `jsonb_to_recordset(convert_from($1, 'UTF8')::jsonb)` (a Buffer goes to PostgreSQL as bytea).
 * A batch of 1,000 rows with geometry is megabytes of JSON: as one JS string it would sit in V8's
 * old space until the next full collection, batch after batch; here each element's text is
 * garbage as soon as it is copied, and the bytes are freed with their Buffer.
 */
export function jsonArrayBytes(count: number, element: (i: number) => string): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(4096, count * 512));
  let len = 0;
  const put = (text: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2)
    if (buf.length - len < text.length * 3) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, len + text.length * 3));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    len += buf.write(text, len, 'utf8');
  };
  put('[');
  for (let i = 0; i < count; i++) {
    if (i) put(',');
    put(element(i));
  }
  put(']');
  return buf.subarray(0, len);
}
