// The benchmark's floor: plain `node`, the cdktf library and one empty stack, synthesized. Nothing
// the project chose is in it (no TypeScript runner, no provider bindings, no bundling, no cache):
// what synthesizing with cdktf costs at the least. Whatever the app costs above this is ours.
'use strict';
const { App, TerraformStack } = require('cdktf');

const app = new App();
new TerraformStack(app, 'empty');
app.synth();
