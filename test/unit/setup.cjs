// Lets core import the shipped templates as text under mocha, as esbuild's text loader does in bundles.
const { readFileSync } = require('node:fs');

require.extensions['.md'] = (module, file) => {
  module.exports = readFileSync(file, 'utf8');
};
