import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { readCachedConfig, writeCachedConfig } from '../config/config-cache';
import { parseEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { buildPlatform } from '../stacks/platform';
import { ENVS } from './helpers';

const text = (env: string) => fs.readFileSync(path.join(__dirname, '..', 'config', `${env}.yaml`), 'utf8');

describe.each(ENVS)('the validated-config cache for %s', (env) => {
  const fresh = parseEnvironment(text(env), `config/${env}.yaml`, env);

  it('gives back a config that synthesizes exactly like the freshly validated one', () => {
    writeCachedConfig(env, text(env), fresh);
    const cached = readCachedConfig(env, text(env));
    expect(cached).toEqual(fresh);
    const synth = (cfg: EnvConfig) => {
      const app = Testing.app();
      const p = buildPlatform(app, cfg);
      return [p.core, p.processing, p.ml, p.visualization, p.monitoring].map((s) => (s ? Testing.synth(s) : ''));
    };
    expect(synth(cached!)).toEqual(synth(fresh));
  });

  it('misses when a single character of the file changes', () => {
    writeCachedConfig(env, text(env), fresh);
    expect(readCachedConfig(env, `${text(env)}\n# edited\n`)).toBeUndefined();
    expect(readCachedConfig(env === 'dev' ? 'prod' : 'dev', text(env))).toBeUndefined();
  });
});

describe('turning the cache off', () => {
  it('reads nothing with DATALAB_CONFIG_CACHE=0', () => {
    const t = text('dev');
    writeCachedConfig('dev', t, parseEnvironment(t, 'config/dev.yaml', 'dev'));
    process.env.DATALAB_CONFIG_CACHE = '0';
    try {
      expect(readCachedConfig('dev', t)).toBeUndefined();
    } finally {
      delete process.env.DATALAB_CONFIG_CACHE;
    }
    expect(readCachedConfig('dev', t)).toBeDefined();
  });
});
