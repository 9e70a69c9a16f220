/**
 * Runs before each test file: cdktf's per-token stack traces off, as in every synth (jest maps each
 * trace through source maps, so they cost close to half of a test that synthesizes). No test reads
 * them; DATALAB_DEBUG=1 turns them back on (policy/stack-traces.ts).
 */
import { stackTracesRequested, tokenStackTraces } from '../../policy/stack-traces';

tokenStackTraces(stackTracesRequested());
