// The visitor's own phone takes a ticket (/q/<branch>, PH1–PH5): a sub-service (with its information
// package), the mobile number, the one-time code sent to it, then the tracking page /t/<id>.
import { ApiError, createRestClient, path } from '@nobat/client';
import {
  BranchSummary,
  IssuedTicket,
  type Lang,
  localDigits,
  localized,
  normalizeMobile,
  PhoneChallenge,
  ServiceSummary,
  toAsciiDigits,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { Info } from '../info.tsx';
import { w } from './words.ts';

type Step =
  | { name: 'services' }
  | { name: 'info'; service: ServiceSummary }
  | { name: 'mobile'; service: ServiceSummary }
  | { name: 'code'; service: ServiceSummary; mobile: string; challengeId: string };

const rest = createRestClient({ timeoutMs: 10_000 });

export function PhoneTicket(props: { branchId: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { branchId, lang } = props;
  const [branch, setBranch] = useState<BranchSummary | null | undefined>(undefined);
  const [services, setServices] = useState<ServiceSummary[]>([]);
  const [step, setStep] = useState<Step>({ name: 'services' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');

  useEffect(() => {
    Promise.all([
      rest.get(z.array(BranchSummary), '/api/v1/branches'),
      rest.get(z.array(ServiceSummary), path('/api/v1/branches', branchId, 'services')),
    ])
      .then(([branches, list]) => {
        setBranch(branches.find((b) => b.id === branchId) ?? null);
        setServices(list.filter((s) => s.active));
      })
      .catch(() => setBranch(null));
  }, [branchId]);

  const say = (err: unknown) => setError(err instanceof ApiError && !err.network ? err.text[lang] : w(lang, 'offline'));

  async function sendCode(service: ServiceSummary) {
    const normal = normalizeMobile(mobile);
    if (!normal) return setError(w(lang, 'badMobile'));
    setBusy(true);
    setError('');
    try {
      const c = await rest.post(PhoneChallenge, path('/api/v1/phone', branchId, 'challenge'), {
        mobile: normal,
        serviceId: service.id,
      });
      setCode('');
      setStep({ name: 'code', service, mobile: normal, challengeId: c.challengeId });
    } catch (err) {
      say(err);
    } finally {
      setBusy(false);
    }
  }

  async function take(s: Extract<Step, { name: 'code' }>) {
    const digits = toAsciiDigits(code.trim());
    if (!/^\d{6}$/.test(digits)) return setError(w(lang, 'badCode'));
    setBusy(true);
    setError('');
    try {
      const ticket = await rest.post(IssuedTicket, path('/api/v1/phone', branchId, 'tickets'), {
        challengeId: s.challengeId,
        code: digits,
      });
      // The tracking page opens in the language the visitor chose here.
      location.assign(`/t/${encodeURIComponent(ticket.id)}?lang=${lang}`);
    } catch (err) {
      say(err);
      setBusy(false);
    }
  }

  return (
    <div class="phone" data-testid="phone-page">
      <header class="bar">
        <h1>{w(lang, 'title')}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {w(lang, 'language')}
        </button>
      </header>
      <main>
        {branch && <p class="branch-name">{localized(lang, branch.name)}</p>}
        {branch === null && <p class="big-message">{w(lang, 'notFound')}</p>}
        {branch && step.name === 'services' && (
          <section>
            <h2 class="prompt">{w(lang, 'chooseService')}</h2>
            <ul class="phone-services">
              {services.map((s) => (
                <li key={s.id} class={s.unavailable ? 'unavailable' : ''}>
                  <button
                    type="button"
                    class="phone-service"
                    data-testid={`phone-service-${s.id}`}
                    disabled={s.unavailable !== null}
                    onClick={() => {
                      setError('');
                      setStep({ name: 'mobile', service: s });
                    }}
                  >
                    <span class="tile-title">{localized(lang, s.title)}</span>
                    <span class="tile-meta">
                      {s.unavailable ? w(lang, 'unavailable') : `${localDigits(lang, s.waiting)} ${w(lang, 'waiting')}`}
                    </span>
                  </button>
                  <button
                    type="button"
                    class="link"
                    data-testid={`phone-info-${s.id}`}
                    onClick={() => setStep({ name: 'info', service: s })}
                  >
                    {w(lang, 'info')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {step.name === 'info' && <Info lang={lang} service={step.service} back={() => setStep({ name: 'services' })} />}
        {step.name === 'mobile' && (
          <form
            class="phone-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void sendCode(step.service);
            }}
          >
            <h2 class="service-title">{localized(lang, step.service.title)}</h2>
            <label for="phone-mobile">{w(lang, 'mobileLabel')}</label>
            <input
              id="phone-mobile"
              data-testid="phone-mobile"
              type="tel"
              inputMode="numeric"
              autoComplete="tel"
              dir="ltr"
              placeholder={localDigits(lang, '09xxxxxxxxx').replace(/x/g, '–')}
              value={mobile}
              onInput={(e) => setMobile((e.target as HTMLInputElement).value)}
            />
            <p class="hint">{w(lang, 'mobileHint')}</p>
            {error && (
              <p class="error" role="alert" data-testid="phone-error">
                {error}
              </p>
            )}
            <div class="phone-actions">
              <button type="submit" class="primary" disabled={busy} data-testid="phone-send">
                {busy ? w(lang, 'wait') : w(lang, 'sendCode')}
              </button>
              <button type="button" onClick={() => setStep({ name: 'services' })}>
                {w(lang, 'back')}
              </button>
            </div>
          </form>
        )}
        {step.name === 'code' && (
          <form
            class="phone-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void take(step);
            }}
          >
            <h2 class="service-title">{localized(lang, step.service.title)}</h2>
            <p class="hint">
              {w(lang, 'codeSent')} <bdi dir="ltr">{localDigits(lang, step.mobile)}</bdi>
            </p>
            <label for="phone-code">{w(lang, 'codeLabel')}</label>
            <input
              id="phone-code"
              data-testid="phone-code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              dir="ltr"
              maxLength={6}
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
            {error && (
              <p class="error" role="alert" data-testid="phone-error">
                {error}
              </p>
            )}
            <div class="phone-actions">
              <button type="submit" class="primary" disabled={busy} data-testid="phone-take">
                {busy ? w(lang, 'wait') : w(lang, 'takeTicket')}
              </button>
              <button type="button" onClick={() => setStep({ name: 'mobile', service: step.service })}>
                {w(lang, 'otherNumber')}
              </button>
            </div>
          </form>
        )}
      </main>
    </div>
  );
}
