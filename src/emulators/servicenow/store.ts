import { glideDateTime, newSysId } from './clock';
import { choiceSeeds, type ChoiceSeed, type CloseCodeSet } from './seed';

export type Row = Record<string, string>;

/** A user account as given at start, by `--users FILE` or `POST /__emulator/users`. */
export interface UserAccount {
  user_name: string;
  password: string;
  roles: string[];
  name?: string;
  email?: string;
  api_key?: string;
}

/**
 * The instance's database: one insertion-ordered map per table. Users and their roles live in sys_user,
 * sys_user_role and sys_user_has_role like on a real instance, so the Table API can read them.
 */
export class Store {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly accounts = new Map<string, UserAccount & { sys_id: string }>();
  private incidentCounter = 10000;

  constructor(private closeCodes: CloseCodeSet) {
    this.seed();
  }

  rows(table: string): Map<string, Row> {
    let rows = this.tables.get(table);
    if (!rows) {
      rows = new Map();
      this.tables.set(table, rows);
    }
    return rows;
  }

  get(table: string, sysId: string): Row | undefined {
    return this.rows(table).get(sysId);
  }

  /** Stores a row with its sys_ fields filled in; returns it. */
  insert(table: string, values: Row, user = 'system'): Row {
    const now = glideDateTime();
    const row: Row = {
      ...values,
      sys_id: values.sys_id || newSysId(),
      sys_created_on: now,
      sys_created_by: user,
      sys_updated_on: now,
      sys_updated_by: user,
      sys_mod_count: '0',
    };
    this.rows(table).set(row.sys_id!, row);
    return row;
  }

  delete(table: string, sysId: string): boolean {
    return this.rows(table).delete(sysId);
  }

  nextIncidentNumber(): string {
    this.incidentCounter += 1;
    return `INC${String(this.incidentCounter).padStart(7, '0')}`;
  }

  addUser(account: UserAccount): string {
    const existing = this.accounts.get(account.user_name);
    if (existing) this.removeUser(existing.sys_id);
    const name = account.name ?? account.user_name;
    const [first = name, ...rest] = name.split(' ');
    const user = this.insert('sys_user', {
      user_name: account.user_name,
      name,
      first_name: first,
      last_name: rest.join(' '),
      email: account.email ?? '',
      active: 'true',
      locked_out: 'false',
      web_service_access_only: 'false',
    });
    this.accounts.set(account.user_name, { ...account, sys_id: user.sys_id! });
    for (const role of account.roles) this.grantRole(user.sys_id!, role);
    return user.sys_id!;
  }

  account(userName: string): (UserAccount & { sys_id: string }) | undefined {
    return this.accounts.get(userName);
  }

  accountByApiKey(key: string): (UserAccount & { sys_id: string }) | undefined {
    return [...this.accounts.values()].find((a) => a.api_key !== undefined && a.api_key === key);
  }

  hasRole(userName: string, role: string): boolean {
    const roles = this.accounts.get(userName)?.roles ?? [];
    return roles.includes('admin') || roles.includes(role);
  }

  /** Drops every record, keeping the users (bridge.md §7 reset). */
  reset(closeCodes: CloseCodeSet): void {
    const users = [...this.accounts.values()];
    this.tables.clear();
    this.accounts.clear();
    this.incidentCounter = 10000;
    this.closeCodes = closeCodes;
    this.seed();
    for (const { sys_id: _id, ...account } of users) this.addUser(account);
  }

  /** Replaces the close_code choices, as an admin switching between the current and legacy sets would. */
  setCloseCodes(closeCodes: CloseCodeSet): void {
    const choices = this.rows('sys_choice');
    for (const [id, row] of choices) if (row.element === 'close_code') choices.delete(id);
    this.closeCodes = closeCodes;
    this.seedChoices((c) => c.element === 'close_code');
  }

  private grantRole(userSysId: string, roleName: string): void {
    const roles = this.rows('sys_user_role');
    const role =
      [...roles.values()].find((r) => r.name === roleName) ??
      this.insert('sys_user_role', { name: roleName, description: '' });
    this.insert('sys_user_has_role', { user: userSysId, role: role.sys_id!, state: 'active', inherited: 'false' });
  }

  private removeUser(sysId: string): void {
    this.delete('sys_user', sysId);
    for (const [id, row] of this.rows('sys_user_has_role'))
      if (row.user === sysId) this.delete('sys_user_has_role', id);
  }

  private seed(): void {
    this.seedChoices(() => true);
    this.insert('sys_user_group', { sys_id: 'global', name: 'global', description: '', active: 'true' });
  }

  private seedChoices(which: (seed: ChoiceSeed) => boolean): void {
    for (const c of choiceSeeds(this.closeCodes).filter(which)) {
      this.insert('sys_choice', {
        name: 'incident',
        element: c.element,
        language: c.language ?? 'en',
        value: c.value,
        label: c.label,
        sequence: String(c.sequence),
        inactive: 'false',
        dependent_value: '',
        hint: '',
      });
    }
  }
}
