// The information package of a sub-service (guide no. 2, step 4): what the kiosk, the portal and
// the boards tell a visitor before they come.
import type { DurationUnit, Fee, InfoPackage, RequiredDocument } from '@nobat/protocol';
import { localized } from '@nobat/protocol';
import { newDocument, newFee } from './draft.ts';
import { NumberField, PhraseFields, SelectField, TextField, TitleFields, useFloor } from './fields.tsx';
import { ListSection, PhraseList } from './lists.tsx';
import { t } from './words.ts';

export const DURATION_UNITS: DurationUnit[] = ['minute', 'hour', 'day', 'week', 'month'];

export function ServiceInfo(props: { index: number; info: InfoPackage; set: (p: InfoPackage) => void }) {
  const { lang } = useFloor();
  const { info, set } = props;
  const p = `services.${props.index}.info`;
  const units = DURATION_UNITS.map((u) => ({ value: u, label: t(lang, `unit_${u}`) }));
  return (
    <div class="fp-stack" data-testid="info-editor">
      <div class="fp-row fp-row-3">
        <NumberField
          label={t(lang, 'averageDuration')}
          path={`${p}.averageDuration.value`}
          value={info.averageDuration.value}
          onChange={(value) =>
            set({ ...info, averageDuration: { ...info.averageDuration, value: value ?? Number.NaN } })
          }
        />
        <SelectField
          label={t(lang, 'durationUnit')}
          path={`${p}.averageDuration.unit`}
          value={info.averageDuration.unit}
          options={units}
          onChange={(unit) => set({ ...info, averageDuration: { ...info.averageDuration, unit } })}
        />
      </div>
      <PhraseList
        title={t(lang, 'steps')}
        path={`${p}.steps`}
        items={info.steps}
        itemLabel={t(lang, 'stepTitle')}
        addLabel={t(lang, 'addStep')}
        testId="info-steps"
        onChange={(steps) => set({ ...info, steps })}
      />
      <ListSection<RequiredDocument>
        title={t(lang, 'documents')}
        path={`${p}.requiredDocuments`}
        items={info.requiredDocuments}
        addLabel={t(lang, 'addDocument')}
        make={() => newDocument(info.requiredDocuments)}
        name={(d) => localized(lang, d.title) || t(lang, 'untitled')}
        testId="info-documents"
        onChange={(requiredDocuments) => set({ ...info, requiredDocuments })}
        render={(d, i, setDoc) => (
          <>
            <TitleFields
              path={`${p}.requiredDocuments.${i}.title`}
              value={d.title}
              onChange={(title) => setDoc({ ...d, title })}
            />
            <TextField
              label={t(lang, 'note')}
              path={`${p}.requiredDocuments.${i}.note`}
              value={d.note ?? ''}
              dir="auto"
              onInput={(note) => {
                const { note: _, ...rest } = d;
                setDoc(note ? { ...rest, note } : rest);
              }}
            />
          </>
        )}
      />
      <ListSection<Fee>
        title={t(lang, 'fees')}
        path={`${p}.fees`}
        items={info.fees}
        addLabel={t(lang, 'addFee')}
        make={newFee}
        name={(f) => localized(lang, f.title) || t(lang, 'untitled')}
        testId="info-fees"
        onChange={(fees) => set({ ...info, fees })}
        render={(f, i, setFee) => {
          const fp = `${p}.fees.${i}`;
          const title = typeof f.title === 'string' ? { fa: f.title } : f.title;
          return (
            <>
              <div class="fp-row fp-row-fee">
                <TitleFields path={`${fp}.title`} value={title} onChange={(v) => setFee({ ...f, title: v })} />
                <NumberField
                  label={t(lang, 'amountRials')}
                  path={`${fp}.amountRials`}
                  value={f.amountRials}
                  grouped
                  suffix={t(lang, 'rials')}
                  onChange={(amountRials) => setFee({ ...f, amountRials: amountRials ?? Number.NaN })}
                />
              </div>
              <PhraseFields
                label={t(lang, 'account')}
                path={`${fp}.account`}
                value={f.account}
                onChange={(account) => setFee({ ...f, account })}
              />
              <PhraseFields
                label={t(lang, 'legalBasis')}
                path={`${fp}.legalBasis`}
                value={f.legalBasis}
                onChange={(legalBasis) => setFee({ ...f, legalBasis })}
              />
            </>
          );
        }}
      />
      <section class="fp-list" data-path={`${p}.responsible`}>
        <h4>{t(lang, 'responsible')}</h4>
        <PhraseFields
          label={t(lang, 'name')}
          path={`${p}.responsible.name`}
          value={info.responsible.name}
          onChange={(name) => set({ ...info, responsible: { ...info.responsible, name } })}
        />
        <PhraseFields
          label={t(lang, 'post')}
          path={`${p}.responsible.post`}
          value={info.responsible.post}
          onChange={(post) => set({ ...info, responsible: { ...info.responsible, post } })}
        />
        <div class="fp-pair">
          <TextField
            label={t(lang, 'phone')}
            path={`${p}.responsible.phone`}
            dir="ltr"
            value={info.responsible.phone ?? ''}
            onInput={(phone) => set({ ...info, responsible: optional(info.responsible, 'phone', phone) })}
          />
          <TextField
            label={t(lang, 'email')}
            path={`${p}.responsible.email`}
            dir="ltr"
            value={info.responsible.email ?? ''}
            onInput={(email) => set({ ...info, responsible: optional(info.responsible, 'email', email) })}
          />
        </div>
      </section>
      <PhraseList
        title={t(lang, 'addresses')}
        path={`${p}.addresses`}
        items={info.addresses}
        itemLabel={t(lang, 'address')}
        addLabel={t(lang, 'addAddress')}
        onChange={(addresses) => set({ ...info, addresses })}
      />
      <PhraseList
        title={t(lang, 'inquiries')}
        path={`${p}.inquiries`}
        items={info.inquiries}
        itemLabel={t(lang, 'inquiry')}
        addLabel={t(lang, 'addInquiry')}
        onChange={(inquiries) => set({ ...info, inquiries })}
      />
      <section class="fp-list">
        <h4>{t(lang, 'complaintRoute')}</h4>
        <PhraseFields
          label={t(lang, 'complaintRoute')}
          path={`${p}.complaintRoute`}
          value={info.complaintRoute}
          onChange={(route) => {
            const { complaintRoute: _, ...rest } = info;
            set(route === '' ? rest : { ...rest, complaintRoute: route });
          }}
        />
      </section>
    </div>
  );
}

/** Sets an optional text, leaving it out when emptied (the schema has no empty phone). */
function optional<T extends object, K extends keyof T & string>(obj: T, key: K, value: string): T {
  const { [key]: _, ...rest } = obj;
  return (value ? { ...rest, [key]: value } : rest) as T;
}
