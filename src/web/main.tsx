import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { initI18n } from './app/i18n.js';
import { App } from './app/App.js';
import { registerModules } from './modules/index.js';
import { loadTemporal } from './core/temporal.js';

initI18n();
registerModules();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Dates need Temporal from the first render: native at once, else after the polyfill arrives.
void loadTemporal().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
