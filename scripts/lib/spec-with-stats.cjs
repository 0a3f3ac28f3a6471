// Mocha reporter: the normal spec output, plus the run's counts written as JSON to
// $CONNECTOR_PLAYBOOK_TEST_RESULTS, so scripts/test.mjs can total the tiers without parsing text.
// CommonJS because mocha require()s reporters.
const fs = require('node:fs');
const Mocha = require('mocha');

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.CONNECTOR_PLAYBOOK_TEST_RESULTS;
    if (file) runner.once('end', () => fs.writeFileSync(file, JSON.stringify(this.stats, null, 2)));
  }
}

module.exports = SpecWithStats;
