import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import '../../src/io/install.js';
import { SiddhiManager, memoryLogger } from '../../src/index.js';

/** A fresh folder under the OS temp dir, with the given files (path → content; a path ending in / is a folder). */
function tempTree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-file-fns-'));
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(dir, path), { recursive: true });
    else {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  return dir;
}

/** What is under a folder: file path → content, folder path (ending in /) → ''. */
function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(dir, path)).isDirectory()) {
        out[`${path}/`] = '';
        visit(path);
      } else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  visit('');
  return out;
}

/**
 * Runs an app whose input stream is `In` and collects `Out` (and `Out2`) and the fault stream `Faults` (fed by `!In`
 * with the failing event's first attribute and its error). Events are sent one by one, synchronously.
 */
function run(app: string, events: readonly unknown[][]): { out: unknown[][]; out2: unknown[][]; faults: unknown[][] } {
  const manager = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() });
  try {
    const runtime = manager.createSiddhiAppRuntime(app);
    const out: unknown[][] = [];
    const out2: unknown[][] = [];
    const faults: unknown[][] = [];
    runtime.addStreamCallback('Out', (evs) => evs.forEach((e) => out.push(e.data)));
    if (app.includes('insert into Out2'))
      runtime.addStreamCallback('Out2', (evs) => evs.forEach((e) => out2.push(e.data)));
    if (app.includes('insert into Faults'))
      runtime.addStreamCallback('Faults', (evs) => evs.forEach((e) => faults.push(e.data)));
    runtime.start();
    for (const e of events) runtime.getInputHandler('In').send(e);
    return { out, out2, faults };
  } finally {
    manager.shutdown();
  }
}

function fault(javaClass: string, message: string): string {
  return `io.siddhi.core.exception.SiddhiAppRuntimeException: ${message}. Exception on class 'io.siddhi.extension.execution.file.${javaClass}'`;
}

const FAULTS = `@info(name='faults') from !In select path, _error insert into Faults;`;

describe('file: functions', () => {
  test('isExist, isFile, isDirectory, size and lastModifiedTime read paths and file: URIs', () => {
    const dir = tempTree({ 'in/a.csv': 'abc', 'in/sub/b.csv': 'defgh', 'in/empty/': '' });
    try {
      utimesSync(join(dir, 'in/a.csv'), new Date('2026-03-04T05:06:07Z'), new Date('2026-03-04T05:06:07Z'));
      const { out, out2, faults } = run(
        `@OnError(action='STREAM') define stream In (path string);
         from In select path, file:isExist(path) as e, file:isFile(path) as f, file:isDirectory(path) as d,
           file:size(path) as bytes insert into Out;
         @info(name='time') from In[file:isFile(path)]
           select path, file:lastModifiedTime(path) as t1, file:lastModifiedTime(path, 'yyyy-MM-dd HH:mm') as t2
           insert into Out2;
         ${FAULTS}`,
        [[join(dir, 'in')], [`file://${dir}/in/a.csv`], [`file:${dir}/in/empty/`], [join(dir, 'missing')]],
      );
      assert.deepEqual(out, [
        [join(dir, 'in'), true, false, true, 8],
        [`file://${dir}/in/a.csv`, true, true, false, 3],
        [`file:${dir}/in/empty/`, true, false, true, 0],
      ]);
      assert.deepEqual(out2, [[`file://${dir}/in/a.csv`, '03/04/2026 05:06:07', '2026-03-04 05:06']]);
      assert.deepEqual(faults, [
        [
          join(dir, 'missing'),
          fault('FileSizeExtension', `Cannot read the size of ${join(dir, 'missing')}: no such file or folder`),
        ],
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('create makes files and folders with their parents; delete removes trees and ignores missing paths', () => {
    const dir = tempTree({ 'old/x/y.txt': 'y', 'keep.txt': 'k' });
    try {
      const { out, faults } = run(
        `@OnError(action='STREAM') define stream In (path string, folder bool, op string);
         from In[op == 'create']#file:create(path, folder) select path, op insert into Out;
         from In[op == 'delete']#file:delete(path) select path, op insert into Out;
         ${FAULTS}`,
        [
          [join(dir, 'new/deep/flag.txt'), false, 'create'],
          [join(dir, 'keep.txt'), false, 'create'],
          [join(dir, 'made/a/b'), true, 'create'],
          [join(dir, 'keep.txt'), true, 'create'],
          [join(dir, 'old'), false, 'delete'],
          [join(dir, 'never-there'), false, 'delete'],
        ],
      );
      assert.deepEqual(out, [
        [join(dir, 'new/deep/flag.txt'), 'create'],
        [join(dir, 'keep.txt'), 'create'],
        [join(dir, 'made/a/b'), 'create'],
        [join(dir, 'old'), 'delete'],
        [join(dir, 'never-there'), 'delete'],
      ]);
      assert.deepEqual(faults, [
        [
          join(dir, 'keep.txt'),
          fault('FileCreateExtension', `Cannot create the folder ${join(dir, 'keep.txt')}: a file is there`),
        ],
      ]);
      assert.deepEqual(treeOf(dir), {
        'keep.txt': 'k',
        'made/': '',
        'made/a/': '',
        'made/a/b/': '',
        'new/': '',
        'new/deep/': '',
        'new/deep/flag.txt': '',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('copy copies a file, a folder (filtered by a regex on file names), or only its content', () => {
    const dir = tempTree({
      'in/a.csv': 'a',
      'in/b.txt': 'b',
      'in/sub/c.csv': 'c',
      'in/blank/': '',
      'out/a.csv': 'old',
    });
    try {
      const { out } = run(
        `define stream In (path string);
         from In#file:copy(path, '${dir}/out') select path, isSuccess insert into Out;
         from In#file:copy(path, 'file://${dir}/csv', '.*[.]csv$') select path, isSuccess insert into Out;
         from In#file:copy(path, '${dir}/flat', '', true) select path, isSuccess insert into Out;`,
        [[join(dir, 'in/a.csv')], [join(dir, 'in')], [join(dir, 'nothing')]],
      );
      assert.deepEqual(out, [
        [join(dir, 'in/a.csv'), true],
        [join(dir, 'in/a.csv'), true],
        [join(dir, 'in/a.csv'), true],
        [join(dir, 'in'), true],
        [join(dir, 'in'), true],
        [join(dir, 'in'), true],
        [join(dir, 'nothing'), false],
        [join(dir, 'nothing'), false],
        [join(dir, 'nothing'), false],
      ]);
      const tree = treeOf(dir);
      for (const k of Object.keys(tree)) if (k.startsWith('in/')) delete tree[k];
      assert.deepEqual(tree, {
        'csv/': '',
        'csv/a.csv': 'a',
        'csv/in/': '',
        'csv/in/a.csv': 'a',
        'csv/in/sub/': '',
        'csv/in/sub/c.csv': 'c',
        'flat/': '',
        'flat/a.csv': 'a',
        'flat/b.txt': 'b',
        'flat/sub/': '',
        'flat/sub/c.csv': 'c',
        'out/': '',
        'out/a.csv': 'a',
        'out/in/': '',
        'out/in/a.csv': 'a',
        'out/in/b.txt': 'b',
        'out/in/sub/': '',
        'out/in/sub/c.csv': 'c',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('move moves matching files, replacing targets and leaving the emptied folders; a missing source is false', () => {
    const dir = tempTree({ 'in/a.csv': 'a', 'in/b.txt': 'b', 'in/sub/c.csv': 'c', 'done/in/a.csv': 'old' });
    try {
      const { out } = run(
        `define stream In (path string, regex string, flat bool);
         from In#file:move(path, '${dir}/done', regex, flat) select path, isSuccess insert into Out;`,
        [
          [join(dir, 'in'), '.*[.]csv$', false],
          [join(dir, 'in/b.txt'), 'x', false],
          [join(dir, 'in'), '', true],
          [join(dir, 'in/a.csv'), '', false],
        ],
      );
      assert.deepEqual(out, [
        [join(dir, 'in'), true],
        [join(dir, 'in/b.txt'), true],
        [join(dir, 'in'), true],
        [join(dir, 'in/a.csv'), false],
      ]);
      assert.deepEqual(treeOf(dir), {
        'done/': '',
        'done/b.txt': 'b',
        'done/in/': '',
        'done/in/a.csv': 'a',
        'done/in/sub/': '',
        'done/in/sub/c.csv': 'c',
        'in/': '',
        'in/sub/': '',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('rename renames a file, merges a folder into an existing one, and is false for a missing source', () => {
    const dir = tempTree({
      'a.csv': 'a',
      'x/one.txt': '1',
      'x/sub/two.txt': '2',
      'y/two.txt': 'old',
      'y/three.txt': '3',
    });
    try {
      const { out } = run(
        `define stream In (path string, target string);
         from In#file:rename(path, target) select path, isSuccess insert into Out;`,
        [
          [join(dir, 'a.csv'), join(dir, 'renamed/a.done')],
          [join(dir, 'x'), `file://${dir}/y`],
          [join(dir, 'gone'), join(dir, 'z')],
        ],
      );
      assert.deepEqual(out, [
        [join(dir, 'a.csv'), true],
        [join(dir, 'x'), true],
        [join(dir, 'gone'), false],
      ]);
      assert.deepEqual(treeOf(dir), {
        'renamed/': '',
        'renamed/a.done': 'a',
        'y/': '',
        'y/one.txt': '1',
        'y/sub/': '',
        'y/sub/two.txt': '2',
        'y/three.txt': '3',
        'y/two.txt': 'old',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('search lists files depth first in name order, filtered, with or without subfolders', () => {
    const dir = tempTree({
      'in/b.csv': '',
      'in/a.txt': '',
      'in/sub/c.csv': '',
      'in/sub/deeper/d.csv': '',
      'in/z.csv': '',
    });
    try {
      const { out, faults } = run(
        `@OnError(action='STREAM') define stream In (path string, regex string);
         from In#file:search(path) select 'all' as q, fileNameList insert into Out;
         from In#file:search(path, regex) select 'regex' as q, fileNameList insert into Out;
         from In#file:search(path, '[bz]', true) select 'top' as q, fileNameList insert into Out;
         ${FAULTS}`,
        [
          [join(dir, 'in'), '.*csv'],
          [join(dir, 'none'), ''],
          [join(dir, 'in'), '(unclosed'],
          [join(dir, 'in/a.txt'), ''],
        ],
      );
      const p = (rel: string): string => join(dir, 'in', rel);
      assert.deepEqual(out, [
        ['all', [p('a.txt'), p('b.csv'), p('sub/c.csv'), p('sub/deeper/d.csv'), p('z.csv')]],
        ['regex', [p('b.csv'), p('sub/c.csv'), p('sub/deeper/d.csv'), p('z.csv')]],
        ['top', [p('b.csv'), p('z.csv')]],
        ['all', []],
        ['regex', []],
        ['top', []],
        ['all', [p('a.txt'), p('b.csv'), p('sub/c.csv'), p('sub/deeper/d.csv'), p('z.csv')]],
        ['top', [p('b.csv'), p('z.csv')]],
      ]);
      assert.equal(faults.length, 4);
      assert.deepEqual(faults[0]![0], p(''));
      assert.match(
        String(faults[0]![1]),
        /^io\.siddhi\.core\.exception\.SiddhiAppRuntimeException: Syntax error in the include\.by\.regexp '\(unclosed' of file:search\(\): .*FileSearchExtension'$/,
      );
      assert.deepEqual(
        faults.slice(1),
        [0, 1, 2].map(() => [
          p('a.txt'),
          fault('FileSearchExtension', `Cannot search ${p('a.txt')}: it is not a folder`),
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('a constant regex or date format that does not compile fails the app at creation', () => {
    const manager = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() });
    try {
      assert.throws(
        () =>
          manager.createSiddhiAppRuntime(
            `define stream In (path string); from In#file:copy(path, '/tmp', '[a-') select isSuccess insert into Out;`,
          ),
        /Syntax error in the include\.by\.regexp of file:copy/,
      );
      assert.throws(
        () =>
          manager.createSiddhiAppRuntime(
            `define stream In (path string); from In select file:lastModifiedTime(path, 'yyyy-qq') as t insert into Out;`,
          ),
        /Illegal datetime\.format of file:lastModifiedTime/,
      );
      assert.throws(
        () =>
          manager.createSiddhiAppRuntime(
            `define stream In (path string); from In#file:archive(path, '/tmp', 'rar') select * insert into Out;`,
          ),
        /Unsupported archive\.type 'rar' of file:archive/,
      );
    } finally {
      manager.shutdown();
    }
  });
});

describe('file: archives', () => {
  test('archive to zip and tar, list with searchInArchive, unarchive with and without the root folder', () => {
    const dir = tempTree({ 'report/a.csv': 'a,1\n', 'report/b.txt': 'b', 'report/sub/c.csv': 'c,3\n' });
    try {
      const { out, out2 } = run(
        `define stream In (path string);
         from In#file:archive(path, '${dir}/zips') select 'zip' as step insert into Done;
         from In#file:archive(path, 'file://${dir}/tars', 'TAR', '.*csv', false) select 'tar' as step insert into Done;
         from In#file:archive(path, '${dir}/top', 'zip', '', true) select 'top' as step insert into Done;
         from Done[step == 'top']#file:searchInArchive('${dir}/zips/report.zip') select 'zip' as kind, fileNameList insert into Out;
         from Done[step == 'top']#file:searchInArchive('${dir}/tars/report.tar') select 'tar' as kind, fileNameList insert into Out;
         from Done[step == 'top']#file:searchInArchive('${dir}/top/report.zip', 's') select 'top' as kind, fileNameList insert into Out;
         from Done[step == 'top']#file:unarchive('${dir}/zips/report.zip', '${dir}/x') select step insert into Unpacked;
         from Unpacked#file:unarchive('${dir}/tars/report.tar', '${dir}/y', true) select step insert into Unpacked2;
         from Unpacked2 select file:size('${dir}/y') as bytes insert into Out2;`,
        [[join(dir, 'report')]],
      );
      assert.deepEqual(out, [
        ['zip', ['a.csv', 'b.txt', 'sub/c.csv']],
        ['tar', ['a.csv', 'sub/c.csv']],
        ['top', []],
      ]);
      assert.deepEqual(out2, [[8]]);
      const tree = treeOf(dir);
      assert.deepEqual(
        Object.keys(tree).filter((k) => /^(x|y|top)\//.test(k)),
        [
          'top/',
          'top/report.zip',
          'x/',
          'x/report/',
          'x/report/a.csv',
          'x/report/b.txt',
          'x/report/sub/',
          'x/report/sub/c.csv',
          'y/',
          'y/a.csv',
          'y/sub/',
          'y/sub/c.csv',
        ],
      );
      assert.equal(tree['x/report/sub/c.csv'], 'c,3\n');
      assert.equal(tree['y/a.csv'], 'a,1\n');
      const top = run(
        `define stream In (path string);
         from In#file:searchInArchive(path) select fileNameList insert into Out;`,
        [[join(dir, 'top/report.zip')], [join(dir, 'report/a.csv')], [join(dir, 'none.zip')]],
      );
      assert.deepEqual(top.out, [[['a.csv', 'b.txt']], [[]], [[]]]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('unarchive reads a zip made by another tool and gunzips a .gz file', () => {
    // Written by Python's zipfile: a folder member, a deflated and a stored file.
    const zip = Buffer.from(
      'UEsDBBQAAAAAAIMYIlwAAAAAAAAAAAAAAAAHAAAAb3JkZXJzL1BLAwQUAAAACACDGCJcwq8APhkAAAA8AAAADgAAAG9yZGVycy9qYW4uY3N2K8lPS0tN1TE00jPlSi/N1THWM+AqIVIMAFBLAwQUAAAAAACDGCJcdFJX7Q0AAAANAAAACQAAAG5vdGVzLnR4dHN0b3JlZCBhcyBpcwpQSwECFAMUAAAAAACDGCJcAAAAAAAAAAAAAAAABwAAAAAAAAAAAAAAgAEAAAAAb3JkZXJzL1BLAQIUAxQAAAAIAIMYIlzCrwA+GQAAADwAAAAOAAAAAAAAAAAAAACAASUAAABvcmRlcnMvamFuLmNzdlBLAQIUAxQAAAAAAIMYIlx0UlftDQAAAA0AAAAJAAAAAAAAAAAAAACAAWoAAABub3Rlcy50eHRQSwUGAAAAAAMAAwCoAAAAngAAAAAA',
      'base64',
    );
    const dir = tempTree();
    try {
      writeFileSync(join(dir, 'batch.ZIP'), zip);
      writeFileSync(join(dir, 'log.txt.gz'), gzipSync('line 1\nline 2\n'));
      const { out } = run(
        `define stream In (path string);
         from In#file:unarchive(path, '${dir}/out') select path insert into Out;`,
        [[join(dir, 'batch.ZIP')], [`file://${dir}/log.txt.gz`]],
      );
      assert.equal(out.length, 2);
      assert.deepEqual(treeOf(join(dir, 'out')), {
        'batch/': '',
        'batch/notes.txt': 'stored as is\n',
        'batch/orders/': '',
        'batch/orders/jan.csv': 'toffee,12.5\ngum,3.0\n'.repeat(3),
        'log.txt/': '',
        'log.txt/log.txt': 'line 1\nline 2\n',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test("a member whose name only starts with '..' stays inside and is extracted", () => {
    const dir = tempTree();
    try {
      const zip = new AdmZip();
      zip.addFile('..notes', Buffer.from('dots\n'));
      zip.addFile('sub/..x', Buffer.from('x\n'));
      zip.writeZip(join(dir, 'dots.zip'));
      const { out } = run(
        `define stream In (path string);
         from In#file:unarchive(path, '${dir}/out', true) select path insert into Out;`,
        [[join(dir, 'dots.zip')]],
      );
      assert.deepEqual(out, [[join(dir, 'dots.zip')]]);
      assert.deepEqual(treeOf(join(dir, 'out')), { '..notes': 'dots\n', 'sub/': '', 'sub/..x': 'x\n' });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('a missing source, an unsupported type, a corrupt archive and a path-escaping member reach the fault stream', () => {
    const dir = tempTree({ 'plain.bz2': 'x', 'bad.zip': 'not a zip at all, just text' });
    try {
      const escaping = Buffer.from(
        'UEsDBBQAAAAAAIMYIlx0UlftDQAAAA0AAAAHAAAALi4vZXZpbHN0b3JlZCBhcyBpcwpQSwECFAMUAAAAAACDGCJcdFJX7Q0AAAANAAAABwAAAAAAAAAAAAAAgAEAAAAALi4vZXZpbFBLBQYAAAAAAQABADUAAAAyAAAAAAA=',
        'base64',
      );
      writeFileSync(join(dir, 'evil.zip'), escaping);
      const { out, faults } = run(
        `@OnError(action='STREAM') define stream In (path string, op string);
         from In[op == 'archive']#file:archive(path, '${dir}/a') select path insert into Out;
         from In[op == 'unarchive']#file:unarchive(path, '${dir}/u', true) select path insert into Out;
         from In[op == 'list']#file:searchInArchive(path) select path insert into Out;
         ${FAULTS}`,
        [
          [join(dir, 'missing'), 'archive'],
          [join(dir, 'missing.zip'), 'unarchive'],
          [join(dir, 'plain.bz2'), 'unarchive'],
          [join(dir, 'bad.zip'), 'unarchive'],
          [join(dir, 'bad.zip'), 'list'],
          [join(dir, 'evil.zip'), 'unarchive'],
        ],
      );
      assert.deepEqual(out, []);
      const unarchive = (p: string, m: string): string =>
        fault('FileUnarchiveExtension', `Cannot unarchive ${join(dir, p)} into ${join(dir, 'u')}: ${m}`);
      assert.deepEqual(faults, [
        [
          join(dir, 'missing'),
          fault('FileArchiveExtension', `Cannot archive ${join(dir, 'missing')}: no such file or folder`),
        ],
        [
          join(dir, 'missing.zip'),
          unarchive('missing.zip', `ENOENT: no such file or directory, open '${join(dir, 'missing.zip')}'`),
        ],
        [
          join(dir, 'plain.bz2'),
          fault(
            'FileUnarchiveExtension',
            `Cannot unarchive ${join(dir, 'plain.bz2')}: only zip, tar and gz files are supported (bz2 is not)`,
          ),
        ],
        [join(dir, 'bad.zip'), unarchive('bad.zip', 'not a zip archive (no end of central directory)')],
        [
          join(dir, 'bad.zip'),
          fault(
            'FileSearchInArchiveExtension',
            `Cannot read the archive ${join(dir, 'bad.zip')}: not a zip archive (no end of central directory)`,
          ),
        ],
        [join(dir, 'evil.zip'), unarchive('evil.zip', `the member ../evil would be written outside ${join(dir, 'u')}`)],
      ]);
      assert.equal(statSync(join(dir, 'evil'), { throwIfNoEntry: false }), undefined);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
