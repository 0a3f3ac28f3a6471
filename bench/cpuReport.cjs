// Preloaded (node --require) into every process the benchmark times: at exit, the process's own CPU
// time (all threads: JIT, garbage collection) goes to the file CPU_REPORT names.
const { writeFileSync } = require('node:fs');

const file = process.env.CPU_REPORT;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (user + system) / 1000 }));
  });
}
