/**
 * `npm run env-diff -- <envA> <envB>`: what differs between two environment files, after
 * validation and defaults, and which stacks each difference touches.
 */
import { availableEnvironments, ConfigError, loadEnvironment, UnknownEnvironmentError } from '../config/loader';
import { computeDelta, renderDelta } from './env-diff/delta';

function main(argv: string[]): number {
  try {
    if (argv.length !== 2 || argv.some((a) => a.startsWith('-'))) {
      console.error(`usage: npm run env-diff -- <env> <env>   (environments: ${availableEnvironments().join(', ')})`);
      return 2;
    }
    const [a, b] = argv.map((name) => loadEnvironment(name));
    console.log(renderDelta(computeDelta(a, b)));
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UnknownEnvironmentError) {
      console.error(e.message);
      return e instanceof ConfigError ? 1 : 2;
    }
    throw e;
  }
}

process.exit(main(process.argv.slice(2)));
