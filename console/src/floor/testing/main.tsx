// The floor plan page alone, for the browser test (tests/system/console-floor.e2e.test.ts), in a
// frame shaped like the console's shell (its sticky top bar and 14rem side menu, the page's padding)
// so the page is seen at the size it has in the console: ?branch=…&lang=fa|en&role=admin|supervisor.
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
    <div
      style={{
        minHeight: '100vh',
        background: 'var(--nb-page)',
        fontFamily: 'var(--nb-font)',
        fontSize: '15px',
        color: 'var(--nb-ink)',
      }}
    >
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 50,
          minHeight: '3.5rem',
          padding: '0.5rem 1.5rem',
          boxSizing: 'content-box',
          display: 'flex',
          alignItems: 'center',
          gap: '1rem',
          background: 'var(--nb-nav)',
          color: 'var(--nb-on-nav)',
        }}
      >
        <strong>{lang === 'fa' ? 'کنسول نوبت (قاب آزمون)' : 'Nobat console (test frame)'}</strong>
        <button
          type="button"
          data-testid="language"
          class="ui-button ui-button--small"
          style={{ marginInlineStart: 'auto' }}
          onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')}
        >
          {lang === 'fa' ? 'English' : 'فارسی'}
        </button>
      </header>
      <div style={{ display: 'flex' }}>
        <nav
          aria-label={lang === 'fa' ? 'منو' : 'Menu'}
          style={{
            flex: '0 0 14rem',
            padding: '1rem',
            boxSizing: 'border-box',
            background: 'var(--nb-surface)',
            borderInlineEnd: '1px solid var(--nb-line)',
          }}
        >
          <a
            href={`/floor-test/index.html?branch=${encodeURIComponent(branchId)}&lang=${lang}&left=1`}
            data-testid="leave-link"
          >
            {lang === 'fa' ? 'صفحه‌ای دیگر' : 'Another page'}
          </a>
        </nav>
        <main style={{ flex: 1, minWidth: 0, padding: '1.5rem 2rem 3rem', boxSizing: 'border-box' }}>
          <FloorPlanPage branchId={branchId} lang={lang} role={role} />
        </main>
      </div>
    </div>
  );
}

render(<TestFrame />, document.getElementById('app') as HTMLElement);
