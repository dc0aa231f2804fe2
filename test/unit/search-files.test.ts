import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { bundleFile } from '../../src/server/http/search-files';
import { searchIndexName } from '../../src/domain/routes';

let root: string;

beforeAll(() => {
  root = tempDir('salesbook-search-files-');
  for (const index of ['staff', 'heads']) {
    mkdirSync(join(root, index, 'fragment'), { recursive: true });
    writeFileSync(join(root, index, 'pagefind.js'), `// ${index}`);
    writeFileSync(join(root, index, 'pagefind-entry.json'), '{}');
    writeFileSync(join(root, index, 'pagefind-ui.js'), '// ui');
    writeFileSync(join(root, index, 'fragment', 'ru_abc123.pf_fragment'), 'x');
  }
  writeFileSync(join(root, 'secret.pf_fragment'), 'outside');
  symlinkSync(join(root, 'secret.pf_fragment'), join(root, 'staff', 'fragment', 'ru_link.pf_fragment'));
});

describe('the search bundle files', () => {
  it('serves the files Pagefind loads, with their types', () => {
    expect(bundleFile('staff', 'pagefind.js', root)).toMatchObject({ path: join(root, 'staff', 'pagefind.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(bundleFile('heads', 'pagefind-entry.json', root)?.contentType).toBe('application/json; charset=utf-8');
    expect(bundleFile('staff', 'fragment/ru_abc123.pf_fragment', root)?.size).toBe(1);
  });

  it('refuses anything else: other files, folders, missing files', () => {
    expect(bundleFile('staff', 'pagefind-ui.js', root)).toBeUndefined();
    expect(bundleFile('staff', 'fragment', root)).toBeUndefined();
    expect(bundleFile('staff', 'fragment/ru_none.pf_fragment', root)).toBeUndefined();
    expect(bundleFile('staff', '', root)).toBeUndefined();
  });

  it('cannot be led out of the index folder', () => {
    for (const name of ['../heads/pagefind.js', '../secret.pf_fragment', 'fragment/../../secret.pf_fragment', '/etc/passwd', 'fragment\\..\\..\\secret.pf_fragment', 'fragment/%2e%2e/x.pf_fragment']) {
      expect(bundleFile('staff', name, root), name).toBeUndefined();
    }
    expect(bundleFile('staff', 'fragment/ru_link.pf_fragment', root)).toBeUndefined();
  });
});

describe('which index a person searches', () => {
  it('is the heads’ index for heads and the staff index for everyone else', () => {
    expect(searchIndexName({ id: 'h', appRole: 'head', disabled: false })).toBe('heads');
    expect(searchIndexName({ id: 'm', appRole: 'mentor', disabled: false })).toBe('staff');
    expect(searchIndexName({ id: 't', appRole: 'employee', disabled: false })).toBe('staff');
  });
});
