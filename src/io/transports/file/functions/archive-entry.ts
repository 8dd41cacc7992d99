/** One member of a zip or tar archive, as the `file:` archive functions read them. */
export interface ArchiveEntry {
  /** The path inside the archive, with '/' between folders; a folder's may end with '/'. */
  readonly name: string;
  /** Links, devices and the like are 'other': listed, but not extracted. */
  readonly kind: 'file' | 'directory' | 'other';
  /** The content, decompressed and checked when asked for (zip members are inflated lazily). */
  readonly data: () => Buffer;
}
