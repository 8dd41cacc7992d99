/** `#file:searchInArchive(uri[, include.by.regexp])`: lists the files inside a zip or tar archive. */
import { readFileSync } from 'node:fs';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../../engine/registry/extension-impl.js';
import { validateWith } from '../../../../engine/functions/shared/overloads.js';
import { fileErrors, filterOf, localPath, reason, regexConstantCheck, statOf } from './file-args.js';
import { FILE_SYSTEM_OPTIONS } from './options.js';
import { readTar, readZip } from './read-archive.js';

const error = fileErrors('FileSearchInArchiveExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'file',
  name: 'searchInArchive',
  description:
    'Lists the names of the members of a zip or tar archive that are not folders and match a regex, in archive ' +
    'order. The type is read from the end of the path (zip or tar); a path that is not a file, or of another ' +
    'type, gives an empty list. A malformed archive is an error.',
  parameters: [
    { name: 'uri', type: ['string'], description: 'The archive: a plain path or a file: URI.' },
    {
      name: 'include.by.regexp',
      type: ['string'],
      optional: true,
      constantOnly: true,
      defaultValue: "''",
      description: 'A Java regex that must match the start of a member name (its path inside the archive).',
    },
    FILE_SYSTEM_OPTIONS,
  ],
  appendedAttributes: [
    { name: 'fileNameList', type: 'object', description: 'The member names, as a list (an array) of strings.' },
  ],
  examples: [
    {
      syntax: "from ListStream#file:searchInArchive('/data/archives/done.zip') select fileNameList insert into Found;",
      description: "Lists the files in done.zip, e.g. ['a.csv', 'sub/b.csv'].",
    },
    {
      syntax:
        "from ListStream#file:searchInArchive('/data/archives/done.tar', 'sub/') select fileNameList insert into Found;",
      description: 'Lists the files of done.tar under sub/.',
    },
  ],
} as const satisfies ExtensionSpec;

export const searchInArchive: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'searchInArchive')) },
  create: (ctx) => {
    const n = ctx.argTypes.length;
    return (args, emit) => {
      const uri = args[0];
      const path = localPath(uri, 'searchInArchive', 'uri', error);
      const matches = filterOf(n > 1 ? args[1] : undefined, 'searchInArchive', error);
      const zip = String(uri).endsWith('zip');
      if (statOf(path, error)?.isFile() !== true || (!zip && !String(uri).endsWith('tar'))) {
        emit([[]]);
        return;
      }
      let names: string[];
      try {
        const content = readFileSync(path);
        const entries = zip ? readZip(content) : readTar(content);
        // Read through every member, as Siddhi's ZipInputStream does, so that a corrupt one is an error here too.
        for (const e of entries) e.data();
        names = entries.filter((e) => e.kind !== 'directory' && matches(e.name)).map((e) => e.name);
      } catch (e) {
        throw error(`Cannot read the archive ${path}: ${reason(e)}`, e);
      }
      emit([names]);
    };
  },
};
