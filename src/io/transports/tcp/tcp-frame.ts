/**
 * The TCP transport's framing, modelled on siddhi-io-tcp's binary messages: a protocol byte (2), the size of
 * the rest (int32, big-endian), then the session id, the context (channel) and the message, each as an
 * int32 length and its bytes. `FrameReader` reassembles frames from a byte stream.
 */
const PROTOCOL = 2;

export interface Frame {
  readonly session: string;
  readonly context: string;
  readonly message: Buffer;
}

export function encodeFrame(f: Frame): Buffer {
  const session = Buffer.from(f.session, 'utf8');
  const context = Buffer.from(f.context, 'utf8');
  const size = 4 + session.length + 4 + context.length + 4 + f.message.length;
  const out = Buffer.alloc(5 + size);
  let o = out.writeUInt8(PROTOCOL, 0);
  o = out.writeInt32BE(size, o);
  o = out.writeInt32BE(session.length, o);
  o += session.copy(out, o);
  o = out.writeInt32BE(context.length, o);
  o += context.copy(out, o);
  o = out.writeInt32BE(f.message.length, o);
  f.message.copy(out, o);
  return out;
}

export class FrameError extends Error {}

export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns the complete frames. Throws `FrameError` on a stream that is not this framing. */
  push(bytes: Buffer): Frame[] {
    this.buf = this.buf.length === 0 ? bytes : Buffer.concat([this.buf, bytes]);
    const out: Frame[] = [];
    while (this.buf.length >= 5) {
      if (this.buf.readUInt8(0) !== PROTOCOL) throw new FrameError(`unknown protocol byte ${this.buf.readUInt8(0)}`);
      const size = this.buf.readInt32BE(1);
      if (size < 12) throw new FrameError(`bad frame size ${size}`);
      if (this.buf.length < 5 + size) break;
      const body = this.buf.subarray(5, 5 + size);
      this.buf = this.buf.subarray(5 + size);
      let o = 0;
      const part = (): Buffer => {
        if (o + 4 > body.length) throw new FrameError('truncated frame');
        const n = body.readInt32BE(o);
        if (n < 0 || o + 4 + n > body.length) throw new FrameError('truncated frame');
        const b = body.subarray(o + 4, o + 4 + n);
        o += 4 + n;
        return b;
      };
      const session = part().toString('utf8');
      const context = part().toString('utf8');
      const message = Buffer.from(part());
      out.push({ session, context, message });
    }
    return out;
  }
}
