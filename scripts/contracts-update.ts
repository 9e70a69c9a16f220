/**
 * `npm run contracts:update`: rewrites `__tests__/contracts/<env>.stateful.json` and
 * `<env>.platform.json` from what every environment synthesizes now. Run it only for a deliberate
 * change (new stateful resources, a rename whose data loss is accepted or covered by a moved block,
 * services, replicas, jobs or stack dependencies added or removed), and review the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { availableEnvironments, loadEnvironment } from '../config/loader';
import { synthStacks } from '../policy/gate';
import { comparePlatform, PlatformContract, platformContractFor, stackDependencies } from '../policy/platform-contract';
import { compareContract, contractFor, StatefulContract } from '../policy/stateful';
import { buildPlatform } from '../stacks/platform';
import { exitOnUserError } from './user-errors';

const DIR = path.join(__dirname, '..', '__tests__', 'contracts');
fs.mkdirSync(DIR, { recursive: true });
for (const env of availableEnvironments()) {
  const app = Testing.app();
  try {
    buildPlatform(app, loadEnvironment(env));
  } catch (err) {
    exitOnUserError(err);
  }
  const stacks = synthStacks(app);
  const file = path.join(DIR, `${env}.stateful.json`);
  if (fs.existsSync(file)) {
    const diff = compareContract(JSON.parse(fs.readFileSync(file, 'utf8')) as StatefulContract, stacks);
    for (const m of diff.missing) console.log(`${env}: removed ${m}`);
    for (const m of diff.moved) console.log(`${env}: moved ${m}`);
    for (const a of diff.added) console.log(`${env}: added ${a}`);
  }
  const contract = contractFor(env, stacks);
  fs.writeFileSync(file, `${JSON.stringify(contract, null, 2)}\n`);
  console.log(`${env}: ${contract.resources.length} stateful resources → ${path.relative(process.cwd(), file)}`);

  const platformFile = path.join(DIR, `${env}.platform.json`);
  const platform = platformContractFor(env, stacks, stackDependencies(app));
  if (fs.existsSync(platformFile)) {
    for (const d of comparePlatform(JSON.parse(fs.readFileSync(platformFile, 'utf8')) as PlatformContract, platform)) console.log(`${env}: ${d}`);
  }
  fs.writeFileSync(platformFile, `${JSON.stringify(platform, null, 2)}\n`);
  const services = Object.values(platform.stacks).reduce((n, s) => n + Object.keys(s.services).length, 0);
  console.log(`${env}: ${Object.keys(platform.stacks).length} stacks, ${services} services → ${path.relative(process.cwd(), platformFile)}`);
}
