import pkg from '../package.json' with { type: 'json' };

/**
 * What rankwatch says about itself (`--version`, `/about`), from package.json, so a release
 * changes one place. esbuild inlines the file into the bundle; tsx reads it as it is.
 */
export const VERSION: string = pkg.version;
export const LICENSE: string = pkg.license;
/** The project's page, when package.json names one (`homepage`, else a `repository` URL). */
export const PROJECT_URL: string | undefined = homepage(pkg as { homepage?: string; repository?: string | { url?: string } });

function homepage(p: { homepage?: string; repository?: string | { url?: string } }): string | undefined {
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  const url = p.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '');
  return url && /^https:\/\//.test(url) ? url : undefined;
}
