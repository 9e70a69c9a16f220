import { markedJson, xsrfField } from '../e2e/scenario/jupyterhub';
import { missingFromGrid } from '../e2e/scenario/steps/visualization';
import { STEPS } from '../e2e/scenario/steps';
import { selectSteps } from '../e2e/scenario/runner';
import { capabilityMask, hubProcessProblems, parseProcStatus } from '../e2e/scenario/visualization';

const HUB_CAPS = ['SETUID', 'SETGID', 'CHOWN', 'FOWNER', 'DAC_OVERRIDE', 'KILL'];

function status(pid: number, name: string, uid: number, capEff: string, nnp = 1): string {
  return [`/proc/${pid}/status:Name:\t${name}`, `/proc/${pid}/status:Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `/proc/${pid}/status:CapEff:\t${capEff}`, `/proc/${pid}/status:NoNewPrivs:\t${nnp}`].join('\n');
}

describe('the visualization step: the hub\'s processes against its declared capabilities', () => {
  it('numbers the capabilities as the kernel does', () => {
    // CHOWN 0, DAC_OVERRIDE 1, FOWNER 3, KILL 5, SETGID 6, SETUID 7.
    expect(capabilityMask(HUB_CAPS)).toBe(0xebn);
    expect(capabilityMask(['cap_net_bind_service'])).toBe(0x400n);
    expect(() => capabilityMask(['SYS_ADMIN'])).toThrow(/SYS_ADMIN has no known number/);
  });

  it('accepts root processes within the declared set and the notebook user\'s without any', () => {
    const procs = parseProcStatus([status(1, 'tini', 0, '00000000000000eb'), status(7, 'jupyterhub', 0, '00000000000000eb'), status(40, 'node', 0, '0000000000000000'), status(90, 'jupyter-lab', 1000, '0000000000000000'), status(120, 'java', 1000, '0000000000000000')].join('\n'));
    expect(hubProcessProblems(procs, HUB_CAPS, '1000')).toEqual({ problems: [], root: 3, user: 2 });
  });

  it('names a root process with more, a user process with any, a stranger, and a missing no-new-privileges', () => {
    const procs = parseProcStatus([status(1, 'tini', 0, '00000000a80425fb'), status(90, 'python', 1000, '0000000000000080'), status(91, 'sh', 1001, '0000000000000000'), status(92, 'java', 1000, '0000000000000000', 0)].join('\n'));
    const { problems } = hubProcessProblems(procs, HUB_CAPS, '1000');
    expect(problems).toEqual([
      expect.stringMatching(/^process 1 \(tini\) uid 0\/0 has capabilities a80425fb beyond the declared eb/),
      expect.stringMatching(/^process 90 \(python\) uid 1000\/1000 \(a notebook user's\) has capabilities 80$/),
      expect.stringMatching(/^process 91 \(sh\) uid 1001\/1001 is neither root nor the notebook user \(uid 1000\)$/),
      expect.stringMatching(/^process 92 \(java\) uid 1000\/1000 has NoNewPrivs 0$/),
    ]);
  });
});

describe('the visualization step: what the user sees', () => {
  const gold = [
    { event_date: '2026-10-31', event_type: 'view', events: 1, distinct_users: 0, value_sum: 4, last_event_at: 0 },
    { event_date: '2026-11-01', event_type: 'click', events: 2, distinct_users: 2, value_sum: 2.5, last_event_at: 0 },
    { event_date: '2026-11-01', event_type: 'view', events: 1, distinct_users: 1, value_sum: null, last_event_at: 0 },
  ];
  const headers = ['', 'event_date', 'event_type', 'events', 'distinct_users', 'value_sum', 'last_event_at'];

  it('finds every gold row in the grid as rendered (numbers by value, null as an empty or None cell)', () => {
    const rows = [
      ['0', '2026-11-01', 'click', '2', '2', '2.5000', '2026-11-01 10:00:00'],
      ['1', '2026-10-31', 'view', '1', '0', '4', '2026-10-31 08:00:00'],
      ['2', '2026-11-01', 'view', '1', '1', 'None', '2026-11-01 12:00:00'],
    ];
    expect(missingFromGrid(headers, rows, gold)).toEqual([]);
  });

  it('lists the rows shown with another value, and a grid without the columns', () => {
    const rows = [['0', '2026-11-01', 'click', '3', '2', '2.5', ''], ['1', '2026-10-31', 'view', '1', '0', '4', '']];
    expect(missingFromGrid(headers, rows, gold)).toEqual(['2026-11-01/click: events 2, users 2, value_sum 2.5', '2026-11-01/view: events 1, users 1, value_sum null']);
    expect(missingFromGrid(['a', 'b'], rows, gold)).toEqual([expect.stringContaining('no column event_date, event_type, events, distinct_users, value_sum')]);
  });

  it('reads the login form\'s XSRF field and a cell\'s marked result line', () => {
    expect(xsrfField('<form><input type="hidden" name="_xsrf" value="2|ab|cd|1"/></form>')).toBe('2|ab|cd|1');
    expect(xsrfField('<input value="x1" name="_xsrf">')).toBe('x1');
    expect(xsrfField('<form></form>')).toBeUndefined();
    expect(markedJson<{ a: number }>('noise\nDATALAB-E2E {"a": 1}\nmore', 'DATALAB-E2E')).toEqual({ a: 1 });
    expect(markedJson('DATALAB-E2E-SCRATCH 3', 'DATALAB-E2E')).toBeUndefined();
  });

  it('runs after the pipeline wrote gold and before processing is destroyed; --step visualization brings what it needs', () => {
    const names = STEPS.map((st) => st.name);
    expect(names.indexOf('visualization')).toBeGreaterThan(names.indexOf('pipeline'));
    expect(names.indexOf('visualization-destroy')).toBeLessThan(names.indexOf('processing-destroy'));
    expect(selectSteps(STEPS, ['visualization']).map((st) => st.name)).toEqual(['deploy', 'processing', 'pipeline', 'visualization']);
  });
});
