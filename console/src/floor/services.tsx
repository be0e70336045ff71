// The sub-services tab: the list of sub-services by group on one side, the chosen one's details,
// information package and workflow table on the other.
import { buttonClass } from '@nobat/client/preact';
import { type BranchConfig, localized } from '@nobat/protocol';
import { addService, groupsInOrder, removeService, updateInfo, updateService } from './draft.ts';
import { useFloor } from './fields.tsx';
import { ServiceGeneral } from './service-general.tsx';
import { ServiceInfo } from './service-info.tsx';
import { ServiceWorkflow } from './service-workflow.tsx';
import type { ServiceSection } from './state.ts';
import { t } from './words.ts';

const SECTIONS: ServiceSection[] = ['general', 'info', 'workflow'];

export function ServicesTab(props: {
  cfg: BranchConfig;
  edit: (e: (c: BranchConfig) => BranchConfig) => void;
  selected: number;
  select: (i: number) => void;
  section: ServiceSection;
  setSection: (s: ServiceSection) => void;
}) {
  const { lang, errorsAt, confirm } = useFloor();
  const { cfg, edit, selected } = props;
  const service = cfg.services[selected];
  const groups = groupsInOrder(cfg);
  const firstGroup = groups[0];
  return (
    <div class="fp-split">
      <nav class="fp-side" aria-label={t(lang, 'tab_services')}>
        {groups.map((g) => {
          const members = cfg.services.map((s, i) => ({ s, i })).filter(({ s }) => s.groupId === g.id);
          return (
            <div key={g.id} class="fp-side-group">
              <div class="fp-side-title">{localized(lang, g.title) || g.id}</div>
              {members.length === 0 && <div class="fp-empty fp-small">{t(lang, 'noServices')}</div>}
              <ul>
                {members.map(({ s, i }) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      class={`fp-side-item${i === selected ? ' fp-current' : ''}`}
                      aria-current={i === selected ? 'true' : undefined}
                      data-testid={`service-item-${s.id}`}
                      onClick={() => props.select(i)}
                    >
                      <span class="fp-side-name">{localized(lang, s.title) || t(lang, 'untitled')}</span>
                      {!s.active && <span class="fp-badge">{t(lang, 'inactive')}</span>}
                      {errorsAt(`services.${i}`, true).length > 0 && (
                        <span class="fp-dot" role="img" aria-label={t(lang, 'hasErrors')} />
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {firstGroup ? (
          <button
            type="button"
            class={`${buttonClass('secondary', true)} fp-add`}
            data-testid="service-add"
            onClick={() => {
              edit((c) => addService(c, firstGroup.id));
              props.select(cfg.services.length);
              props.setSection('general');
            }}
          >
            + {t(lang, 'addService')}
          </button>
        ) : (
          <p class="fp-hint">{t(lang, 'needGroup')}</p>
        )}
      </nav>
      {service ? (
        <section class="fp-editor" aria-labelledby="fp-service-heading">
          <header class="fp-editor-head">
            <h3 id="fp-service-heading">
              {localized(lang, service.title) || t(lang, 'untitled')}
              <span class="fp-id" dir="ltr">
                {service.id}
              </span>
            </h3>
            <button
              type="button"
              class={buttonClass('danger', true)}
              onClick={async () => {
                const name = localized(lang, service.title) || t(lang, 'untitled');
                if (
                  !(await confirm({
                    title: `${t(lang, 'removeService')}: ${name}`,
                    body: t(lang, 'confirmRemoveService'),
                    ok: t(lang, 'remove'),
                  }))
                )
                  return;
                edit((c) => removeService(c, selected));
                props.select(Math.max(0, selected - 1));
              }}
            >
              {t(lang, 'removeService')}
            </button>
          </header>
          <div class="fp-subtabs" role="tablist" aria-label={localized(lang, service.title)}>
            {SECTIONS.map((sec) => {
              const bad =
                sec === 'general'
                  ? generalBad(errorsAt, selected)
                  : errorsAt(`services.${selected}.${sec}`, true).length > 0;
              return (
                <button
                  key={sec}
                  type="button"
                  role="tab"
                  id={`fp-sec-${sec}`}
                  aria-selected={props.section === sec}
                  aria-controls="fp-sec-panel"
                  tabIndex={props.section === sec ? 0 : -1}
                  data-testid={`section-${sec}`}
                  class={props.section === sec ? 'fp-current' : undefined}
                  onClick={() => props.setSection(sec)}
                  onKeyDown={(e) => arrowTabs(e, SECTIONS, props.section, props.setSection, lang)}
                >
                  {t(lang, `section_${sec}`)}
                  {bad && <span class="fp-dot" role="img" aria-label={t(lang, 'hasErrors')} />}
                </button>
              );
            })}
          </div>
          <div id="fp-sec-panel" role="tabpanel" aria-labelledby={`fp-sec-${props.section}`} class="fp-panel">
            {props.section === 'general' && (
              <ServiceGeneral
                cfg={cfg}
                index={selected}
                service={service}
                set={(s) => edit((c) => updateService(c, selected, () => s))}
              />
            )}
            {props.section === 'info' && (
              <ServiceInfo
                index={selected}
                info={service.info}
                set={(info) => edit((c) => updateInfo(c, selected, () => info))}
              />
            )}
            {props.section === 'workflow' && (
              <ServiceWorkflow
                index={selected}
                steps={service.workflow}
                set={(workflow) => edit((c) => updateService(c, selected, (s) => ({ ...s, workflow })))}
              />
            )}
          </div>
        </section>
      ) : (
        <p class="fp-empty">{t(lang, 'noServices')}</p>
      )}
    </div>
  );
}

/** General holds every field of the sub-service outside its package and workflow. */
function generalBad(errorsAt: (p: string, deep?: boolean) => string[], i: number): boolean {
  if (errorsAt(`services.${i}`).length > 0) return true;
  return [
    'id',
    'groupId',
    'title',
    'numbering',
    'dailyCap',
    'targetWaitMinutes',
    'averageServiceMinutes',
    'appointments',
    'active',
  ].some((k) => errorsAt(`services.${i}.${k}`, true).length > 0);
}

/** Arrow keys move between tabs (right-to-left in Persian), Home and End to the ends. */
export function arrowTabs<T extends string>(
  e: KeyboardEvent,
  all: readonly T[],
  current: T,
  set: (v: T) => void,
  lang: 'fa' | 'en',
) {
  const i = all.indexOf(current);
  const forward = lang === 'fa' ? 'ArrowLeft' : 'ArrowRight';
  const back = lang === 'fa' ? 'ArrowRight' : 'ArrowLeft';
  let next: number | null = null;
  if (e.key === forward) next = (i + 1) % all.length;
  else if (e.key === back) next = (i - 1 + all.length) % all.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = all.length - 1;
  if (next === null) return;
  e.preventDefault();
  const value = all[next] as T;
  set(value);
  const tabs = (e.currentTarget as HTMLElement).parentElement?.querySelectorAll<HTMLElement>('[role="tab"]');
  tabs?.[next]?.focus();
}
