/**
 * A TextDecoder for a label. Node's ICU "gbk" decoder is laxer than the WHATWG one (it turns the
 * invalid byte 0xFF into U+F8F5 even when fatal), so GBK is decoded with the GB18030 decoder — the
 * WHATWG gbk decoder is that decoder; GB18030 is a superset of GBK.
 */
export function textDecoder(label: string, fatal: boolean): InstanceType<typeof TextDecoder> {
  const d = new TextDecoder(label, { fatal });
  return d.encoding === 'gbk' ? new TextDecoder('gb18030', { fatal }) : d;
}
