import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
// Global styles first (later, page-level rules may refine them): the design tokens, then the blocks every page uses.
import './styles/tokens.css';
import './styles/page.css';
import { App } from './app';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Indonesian is ready at once; a remembered English waits for its (small) chunk so nothing flickers.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
