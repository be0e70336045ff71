// The console: admins configure the organisation; supervisors their branch.
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import './console.css';
import { render } from 'preact';
import { App } from './app.tsx';

render(<App />, document.getElementById('app') as HTMLElement);
