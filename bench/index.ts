/**
 * `npm run bench`: prints the figures behind the performance goals. Pick sections with
 * arguments (`npm run bench -- detect commands`); default: all.
 */
const sections: Record<string, () => Promise<void> | void> = {
  detect: async () => (await import('./detect.js')).benchDetect(),
  startup: async () => (await import('./startup.js')).benchStartup(),
  commands: async () => (await import('./commands.js')).benchCommands(),
  discord: async () => (await import('./discord-fanout.js')).benchDiscordFanOut(),
  slack: async () => (await import('./slack-fanout.js')).benchSlackFanOut(),
  render: async () => (await import('./render.js')).benchRender(),
  scale: async () => (await import('./scale.js')).benchScale(),
  chaos: async () => (await import('./chaos.js')).benchChaos(),
  fleet: async () => (await import('./fleet.js')).benchFleet(),
};

const wanted = process.argv.slice(2).filter((a) => a in sections);
console.log(`rankwatch benchmarks · node ${process.version} · ${new Date().toISOString()}`);
for (const name of wanted.length ? wanted : Object.keys(sections)) await sections[name]();
process.exit(0);
