import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** The boundary STYLE.md draws: commands and the domain never know a platform. */
describe('architecture', () => {
  test.each([...files('commands'), ...files('src/domain')])('%s imports no platform library or adapter', (file) => {
    const bad = imports(file).filter((i) => /^(discord\.js|@discordjs\/|@slack\/|discord-interactions)/.test(i) || /\/adapters\//.test(i));
    expect(bad).toEqual([]);
  });

  test.each(files('src/domain'))('%s does no I/O and reads no clock or environment', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(imports(file).filter((i) => /^(node:(fs|http|net|child_process)|keyv|@keyv\/|pino)/.test(i))).toEqual([]);
    expect(text).not.toMatch(/Date\.now\(\)|new Date\(\)|process\.env/);
  });

  // config-env.ts is config.ts's part without zod (.env, ConfigError, detection settings left unset), for fast paths.
  test('nothing but config.ts and config-env.ts read process.env', () => {
    const readers = [...files('src'), ...files('commands')].filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(readers.sort()).toEqual(['src/config-env.ts', 'src/config.ts']);
  });
});
