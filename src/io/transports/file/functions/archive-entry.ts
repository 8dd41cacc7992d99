/** One member of a zip or tar archive, as the `file:` archive functions read and write them. */
export interface ArchiveEntry {
  /** The path inside the archive, with '/' between folders; a folder's ends with '/' in zip. */
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
  readonly data: Buffer;
  readonly mtime: Date;
}

/** A malformed or unsupported archive. */
export class ArchiveFormatError extends Error {}
