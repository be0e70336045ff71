// The console: admins configure the organisation; supervisors their branch.
import { render } from 'preact';

render(<main>کنسول نوبت</main>, document.getElementById('app') as HTMLElement);
