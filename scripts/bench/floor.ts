/**
 * The benchmark's floor: load cdktf and exactly the provider modules the app imports (their list
 * comes from `BENCH_FLOOR_MODULES`, computed by scripts/bench.ts from the sources), then synthesize
 * one empty stack. Whatever the app costs above this is ours.
 */
import { App, TerraformStack } from 'cdktf';

const modules: string[] = JSON.parse(process.env.BENCH_FLOOR_MODULES ?? '[]');
for (const m of modules) require(m);
const app = new App();
new TerraformStack(app, 'empty');
app.synth();
