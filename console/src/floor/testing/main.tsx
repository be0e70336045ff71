// The floor plan page alone, for the browser test (tests/system/console-floor.e2e.test.ts) while the
// console's shell is built elsewhere: ?branch=…&lang=fa|en&role=admin|supervisor. It leaves room on
// the side where the console's menu will be, so the page is seen at the width it will have.
import type { Lang } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import { FloorPlanPage } from '../index.tsx';

const query = new URLSearchParams(location.search);
const branchId = query.get('branch') ?? '';
const role = query.get('role') === 'supervisor' ? 'supervisor' : 'admin';

function TestFrame() {
  const [lang, setLang] = useState<Lang>(query.get('lang') === 'en' ? 'en' : 'fa');
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  }, [lang]);
  return (
    <div style={{ display: 'flex', minHeight: '100vh', background: '#eef2f6', fontFamily: 'Vazirmatn, sans-serif' }}>
      <aside
        style={{ width: '232px', flexShrink: 0, background: '#14213d', color: '#fff', padding: '1rem' }}
        aria-label={lang === 'fa' ? 'جای منوی کنسول' : "The console's menu goes here"}
      >
        <div style={{ fontWeight: 700 }}>{lang === 'fa' ? 'کنسول نوبت' : 'Nobat console'}</div>
        <button
          type="button"
          data-testid="language"
          style={{
            marginTop: '1rem',
            font: 'inherit',
            minHeight: '36px',
            borderRadius: '6px',
            border: 0,
            padding: '0 1rem',
          }}
          onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')}
        >
          {lang === 'fa' ? 'English' : 'فارسی'}
        </button>
      </aside>
      <main style={{ flex: 1, minWidth: 0 }}>
        <FloorPlanPage branchId={branchId} lang={lang} role={role} />
      </main>
    </div>
  );
}

render(<TestFrame />, document.getElementById('app') as HTMLElement);
