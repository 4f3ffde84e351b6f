import { matches, parseQuery, sortRows } from '../../../src/sync/encoded-query';

const FIELDS = ['number', 'state', 'element', 'short_description', 'sys_updated_on', 'priority'];
const isField = (f: string) => FIELDS.includes(f);
const resolve = (row: Record<string, string>, f: string) => (isField(f) ? (row[f] ?? '') : undefined);
const rows = [
  {
    number: 'INC0010001',
    state: '1',
    element: 'work_notes',
    short_description: 'Disk full',
    sys_updated_on: '2026-01-01 10:00:00',
    priority: '5',
  },
  {
    number: 'INC0010002',
    state: '2',
    element: 'comments',
    short_description: 'CPU high',
    sys_updated_on: '2026-01-02 10:00:00',
    priority: '10',
  },
  {
    number: 'INC0010003',
    state: '6',
    element: 'other',
    short_description: 'disk slow',
    sys_updated_on: '2026-01-03 10:00:00',
    priority: '3',
  },
];
const run = (q: string) => rows.filter((r) => matches(r, parseQuery(q, isField), resolve)).map((r) => r.number);

describe('encoded queries', () => {
  test('= and != and ^ (AND)', () => {
    expect(run('state=1')).toEqual(['INC0010001']);
    expect(run('state!=1^state!=6')).toEqual(['INC0010002']);
  });

  test('^OR binds to the previous term, then AND applies', () => {
    expect(run('element=work_notes^ORelement=comments^state=2')).toEqual(['INC0010002']);
    expect(run('element=work_notes^ORelement=comments')).toEqual(['INC0010001', 'INC0010002']);
  });

  test('LIKE, STARTSWITH and ENDSWITH are case-sensitive', () => {
    expect(run('short_descriptionLIKEdisk')).toEqual(['INC0010003']);
    expect(run('short_descriptionSTARTSWITHDisk')).toEqual(['INC0010001']);
    expect(run('numberENDSWITH2')).toEqual(['INC0010002']);
  });

  test('IN and comparison operators (numbers numerically, date-times as text)', () => {
    expect(run('stateIN1,6')).toEqual(['INC0010001', 'INC0010003']);
    expect(run('priority>4')).toEqual(['INC0010001', 'INC0010002']);
    expect(run('sys_updated_on>=2026-01-02 10:00:00')).toEqual(['INC0010002', 'INC0010003']);
    expect(run('sys_updated_on<2026-01-02 10:00:00')).toEqual(['INC0010001']);
    expect(run('priority<=3')).toEqual(['INC0010003']);
  });

  test('an invalid term is dropped silently and marks the query invalid', () => {
    const parsed = parseQuery('no_such_field=1^state=2', isField);
    expect(parsed.invalid).toBe(true);
    expect(run('no_such_field=1^state=2')).toEqual(['INC0010002']);
  });

  test('ORDERBY and ORDERBYDESC chain', () => {
    const order = (q: string) => sortRows(rows, parseQuery(q, isField), resolve).map((r) => r.number);
    expect(order('ORDERBYDESCsys_updated_on')).toEqual(['INC0010003', 'INC0010002', 'INC0010001']);
    expect(order('ORDERBYpriority')).toEqual(['INC0010003', 'INC0010001', 'INC0010002']);
  });

  test('^NQ ORs whole queries', () => {
    expect(run('state=1^NQstate=6')).toEqual(['INC0010001', 'INC0010003']);
  });
});
