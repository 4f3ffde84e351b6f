/**
 * The state mapping (bridge.md §4.2 and §8.1) with drop-downs of the instance's own states, read fresh
 * from ServiceNow. Where the bridge shows the two-way form, both directions are edited; otherwise the
 * OnCall → ServiceNow direction (the bridge derives the reverse).
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { ChoiceOption, IntegrationResource, StateMappingBody } from '../../api-types';
import { ONCALL_STATUSES, type OnCallStatus } from '../../api-types';
import { ErrorNote, Select } from '../../components/form';
import { useLoad } from '../../components/load';
import { SaveActions, useSettingsSave } from '../../components/save-form';

type Flat = Record<OnCallStatus, string | null>;
interface TwoWay {
  oncallToServiceNow: Flat;
  serviceNowToOnCall: Record<string, OnCallStatus | null>;
}

const NOTHING = '';

function isTwoWay(mapping: unknown): mapping is TwoWay {
  return typeof mapping === 'object' && mapping !== null && 'oncallToServiceNow' in mapping;
}

export function StateMappingEditor(props: {
  integration: IntegrationResource;
  onSaved: (updated: IntegrationResource) => void;
  saveLabel: string;
}) {
  const { integration } = props;
  const options = useLoad(
    () => api<{ options: ChoiceOption[] }>('GET', `/api/v1/integrations/${seg(integration.id)}/state-options`),
    [integration.id],
  );
  // The resource shows the two-way form (bridge.md §8.1); an older bridge showed the flat one.
  const shown: unknown = integration.stateMapping;
  const twoWay = isTwoWay(shown) ? shown : undefined;
  const [toServiceNow, setToServiceNow] = useState<Flat>(twoWay?.oncallToServiceNow ?? (shown as Flat));
  const [toOnCall, setToOnCall] = useState<Record<string, OnCallStatus | null>>(twoWay?.serviceNowToOnCall ?? {});
  const save = useSettingsSave('State mapping saved.', props.onSaved);
  const states = options.data?.options ?? integration.stateOptions;
  const stateChoices = [{ label: 'Nothing (write nothing)', value: NOTHING }, ...states];
  const statusChoices = [
    { label: 'Nothing (write nothing)', value: NOTHING },
    ...ONCALL_STATUSES.map((s) => ({ label: s, value: s })),
  ];

  const body: StateMappingBody = twoWay
    ? { oncallToServiceNow: toServiceNow, serviceNowToOnCall: toOnCall }
    : toServiceNow;
  const call = () => api<IntegrationResource>('PUT', `/api/v1/integrations/${seg(integration.id)}/state-mapping`, body);

  return (
    <form onSubmit={(e) => void save.submit(e, call)}>
      <ErrorNote error={options.error} />
      <fieldset>
        <legend>OnCall → ServiceNow: when an alert group becomes…, set the incident's state to</legend>
        <div class="grid-2">
          {ONCALL_STATUSES.map((status) => (
            <Select
              key={status}
              label={`OnCall ${status}`}
              value={toServiceNow[status] ?? NOTHING}
              onValue={(v) => setToServiceNow((m) => ({ ...m, [status]: v === NOTHING ? null : v }))}
              options={stateChoices}
            />
          ))}
        </div>
      </fieldset>
      {twoWay ? (
        <fieldset>
          <legend>ServiceNow → OnCall: when an incident moves to…, set the alert group to</legend>
          <div class="grid-2">
            {states.map((state) => (
              <Select
                key={state.value}
                label={`ServiceNow ${state.label} (${state.value})`}
                value={toOnCall[state.value] ?? NOTHING}
                onValue={(v) =>
                  setToOnCall((m) => ({ ...m, [state.value]: v === NOTHING ? null : (v as OnCallStatus) }))
                }
                options={statusChoices}
              />
            ))}
          </div>
        </fieldset>
      ) : (
        <p class="hint">
          ServiceNow → OnCall follows the reverse of this mapping; Closed and Canceled count as resolved.
        </p>
      )}
      <SaveActions save={save} label={props.saveLabel} />
    </form>
  );
}
