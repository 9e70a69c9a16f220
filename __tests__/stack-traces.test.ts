import { Lazy, Token, Tokenization } from 'cdktf';
import { stackTracesRequested, tokenStackTraces, tokenStackTracesOn } from '../policy/stack-traces';

/** The creation stack cdktf recorded for a token made now. */
function creationStack(): string[] {
  const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).firstToken!;
  return token.creationStack;
}

describe('cdktf token stack traces', () => {
  afterEach(() => tokenStackTraces(stackTracesRequested()));

  it('are off unless debugging (DATALAB_DEBUG), as in every synth and test', () => {
    expect(stackTracesRequested({})).toBe(false);
    expect(stackTracesRequested({ DATALAB_DEBUG: '1' })).toBe(true);
    expect(tokenStackTracesOn()).toBe(stackTracesRequested());
  });

  it('are recorded for tokens created while on, and not while off', () => {
    tokenStackTraces(true);
    expect(tokenStackTracesOn()).toBe(true);
    expect(creationStack().length).toBeGreaterThan(0);
    expect(creationStack().some((line) => line.includes('stack-traces.test'))).toBe(true);
    tokenStackTraces(false);
    expect(tokenStackTracesOn()).toBe(false);
    expect(creationStack()).toEqual([]);
    expect(Token.isUnresolved(Lazy.stringValue({ produce: () => 'x' }))).toBe(true);
  });
});
