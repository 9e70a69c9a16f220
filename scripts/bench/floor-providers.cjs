// A diagnostic row of the benchmark, not its floor: the floor (floor.cjs) plus exactly the provider
// modules the app imports (their list comes from `BENCH_FLOOR_MODULES`, computed by scripts/bench.ts
// from the sources, see floor-modules.ts), run through tsx since the generated bindings in .gen/ are
// TypeScript. It is the floor the report used before; its difference to the floor is what tsx and
// the provider bindings cost to load.
'use strict';
const { App, TerraformStack } = require('cdktf');

const modules = JSON.parse(process.env.BENCH_FLOOR_MODULES ?? '[]');
for (const m of modules) require(m);
const app = new App();
new TerraformStack(app, 'empty');
app.synth();
