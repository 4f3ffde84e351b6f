/**
 * Reference names looked up once per integration for a while (issue 20): a mapping that names the same
 * group on every incident costs one read, not one per write.
 */
import { cachingReferences } from '../../../src/integrations/servicenow/reference-cache';
import type { ServiceNowClient } from '../../../src/integrations/servicenow/types';

function counting(answers: Record<string, string | undefined | Error>) {
  const reads: string[] = [];
  const client = {
    findRecordSysId: (_table: string, _columns: readonly string[], value: string) => {
      reads.push(value);
      const answer = answers[value];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  } as unknown as ServiceNowClient;
  return { client, reads };
}

describe('reference names cached per integration', () => {
  const columns = ['name'] as const;

  it('when the same group is named by many writes, then it is read once, and again after 10 minutes', async () => {
    let clock = 0;
    const { client, reads } = counting({ Network: 'a'.repeat(32) });
    const cached = cachingReferences(client, () => clock);
    const all = await Promise.all([1, 2, 3].map(() => cached.findRecordSysId('sys_user_group', columns, 'Network')));
    expect(all).toEqual(['a'.repeat(32), 'a'.repeat(32), 'a'.repeat(32)]);
    clock = 9 * 60_000;
    await cached.findRecordSysId('sys_user_group', columns, 'Network');
    expect(reads).toEqual(['Network']);
    clock = 11 * 60_000;
    await cached.findRecordSysId('sys_user_group', columns, 'Network');
    expect(reads).toEqual(['Network', 'Network']);
  });

  it('a name not found is looked up again after a minute; a failed read is not kept', async () => {
    let clock = 0;
    const { client, reads } = counting({ Nobody: undefined, Broken: new Error('503') });
    const cached = cachingReferences(client, () => clock);
    expect(await cached.findRecordSysId('sys_user', columns, 'Nobody')).toBeUndefined();
    clock = 30_000;
    await cached.findRecordSysId('sys_user', columns, 'Nobody');
    clock = 61_000;
    await cached.findRecordSysId('sys_user', columns, 'Nobody');
    await expect(cached.findRecordSysId('sys_user', columns, 'Broken')).rejects.toThrow('503');
    await expect(cached.findRecordSysId('sys_user', columns, 'Broken')).rejects.toThrow('503');
    expect(reads).toEqual(['Nobody', 'Nobody', 'Broken', 'Broken']);
  });

  it('keeps names apart by table and columns', async () => {
    const { client, reads } = counting({ Kim: 'b'.repeat(32) });
    const cached = cachingReferences(client);
    await cached.findRecordSysId('sys_user', ['name'], 'Kim');
    await cached.findRecordSysId('sys_user_group', ['name'], 'Kim');
    await cached.findRecordSysId('sys_user', ['name', 'email'], 'Kim');
    expect(reads).toHaveLength(3);
  });
});
