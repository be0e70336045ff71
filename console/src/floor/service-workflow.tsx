// The workflow table of a sub-service (جدول ۱): row, step, responsible unit, post, agreed duration
// and its unit. Rows stay numbered 1, 2, 3, … whatever is added, removed or moved.
import { buttonClass } from '@nobat/client/preact';
import type { WorkflowStep } from '@nobat/protocol';
import { addStep, moveStep, removeStep, updateStep } from './draft.ts';
import { ItemTools, NumberField, SelectField, TextField, useFloor } from './fields.tsx';
import { formatNumber } from './numbers.ts';
import { DURATION_UNITS } from './service-info.tsx';
import { t } from './words.ts';

export function ServiceWorkflow(props: {
  index: number;
  steps: readonly WorkflowStep[];
  set: (s: WorkflowStep[]) => void;
}) {
  const { lang, errorsAt } = useFloor();
  const { steps, set } = props;
  const p = `services.${props.index}.workflow`;
  const own = errorsAt(p);
  const units = DURATION_UNITS.map((u) => ({ value: u, label: t(lang, `unit_${u}`) }));
  return (
    <div class="fp-stack">
      <p class="fp-hint">{t(lang, 'workflowHint')}</p>
      {own.length > 0 && (
        <div class="ui-field__error" role="alert" data-field-error>
          {t(lang, 'fieldRefused')} <bdi>{own.join(' · ')}</bdi>
        </div>
      )}
      <div class="fp-table-box">
        <table class="fp-table fp-workflow" data-testid="workflow-table">
          <thead>
            <tr>
              <th scope="col" class="fp-narrow">
                {t(lang, 'row')}
              </th>
              <th scope="col" class="fp-w-title">
                {t(lang, 'stepTitle')}
              </th>
              <th scope="col">{t(lang, 'unit')}</th>
              <th scope="col">{t(lang, 'post')}</th>
              <th scope="col" class="fp-w-num">
                {t(lang, 'duration')}
              </th>
              <th scope="col" class="fp-w-unit">
                {t(lang, 'durationUnit')}
              </th>
              <th scope="col" class="fp-w-tools">
                <span class="fp-sr">{t(lang, 'actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.length === 0 && (
              <tr>
                <td colSpan={7} class="fp-empty">
                  {t(lang, 'none')}
                </td>
              </tr>
            )}
            {steps.map((s, i) => {
              const rp = `${p}.${i}`;
              const put = (step: WorkflowStep) => set(updateStep(steps, i, step));
              const what = `${t(lang, 'row')} ${formatNumber(lang, s.row)}`;
              return (
                <tr key={i} data-testid="workflow-row">
                  <th scope="row" class="fp-narrow" data-testid="workflow-row-number">
                    {formatNumber(lang, s.row)}
                  </th>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'stepTitle')} — ${what}`}
                      path={`${rp}.title`}
                      value={s.title}
                      dir="auto"
                      onInput={(title) => put({ ...s, title })}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'unit')} — ${what}`}
                      path={`${rp}.unit`}
                      value={s.unit}
                      dir="auto"
                      onInput={(unit) => put({ ...s, unit })}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'post')} — ${what}`}
                      path={`${rp}.post`}
                      value={s.post}
                      dir="auto"
                      onInput={(post) => put({ ...s, post })}
                    />
                  </td>
                  <td>
                    <NumberField
                      bare
                      label={`${t(lang, 'duration')} — ${what}`}
                      path={`${rp}.duration`}
                      value={s.duration}
                      onChange={(d) => put({ ...s, duration: d ?? Number.NaN })}
                    />
                  </td>
                  <td>
                    <SelectField
                      bare
                      label={`${t(lang, 'durationUnit')} — ${what}`}
                      path={`${rp}.durationUnit`}
                      value={s.durationUnit}
                      options={units}
                      onChange={(durationUnit) => put({ ...s, durationUnit })}
                    />
                  </td>
                  <td>
                    <ItemTools
                      index={i}
                      count={steps.length}
                      what={what}
                      onMove={(to) => set(moveStep(steps, i, to))}
                      onRemove={() => set(removeStep(steps, i))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        class={`${buttonClass('secondary', true)} fp-add`}
        data-testid="workflow-add"
        onClick={() => set(addStep(steps))}
      >
        + {t(lang, 'addStep')}
      </button>
    </div>
  );
}
