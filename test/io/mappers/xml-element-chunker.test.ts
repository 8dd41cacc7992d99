import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlElementChunker } from '../../../src/io/mappers/shared/xml-element-chunker.js';

describe('XmlElementChunker', () => {
  test('a whole document in one piece gives every element of the name, skipping the rest', () => {
    const c = new XmlElementChunker('row');
    assert.deepEqual(c.push('<t>\n  <row n="1"><v>x</v></row>\n  <head/>\n  <row n="2"/>\n  <rows/>\n</t>'), [
      '<row n="1"><v>x</v></row>',
      '<row n="2"/>',
    ]);
  });

  test('an element split over pieces comes out once its end arrives; pieces are trimmed and joined', () => {
    const c = new XmlElementChunker('row');
    assert.deepEqual(c.push('<t><ro'), []);
    assert.deepEqual(c.push('w n="1">'), []);
    assert.deepEqual(c.push('   <v>x</v>  '), []);
    assert.deepEqual(c.push('</row><row'), ['<row n="1"><v>x</v></row>']);
    assert.deepEqual(c.push('/>'), ['<row/>']);
    assert.deepEqual(c.push('</t>'), []);
  });
});
