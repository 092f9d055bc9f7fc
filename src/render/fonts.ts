import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The font drawn into every picture: Inter (OFL), shipped as an npm package, so no machine's system fonts matter. */
export const FONT_FAMILY = 'Inter';

/** Inter's regular and bold faces, resolved through the package, never by a path into another checkout. */
export function fontFiles(): string[] {
  return [
    require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
    require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  ];
}
