import type { ReactNode } from 'react';
import './status-message.css';

type Tone = 'error' | 'warning' | 'info' | 'success';

const GLYPH: Record<Tone, string> = { error: '!', warning: '!', info: 'i', success: '✓' };

/**
 * A full-width message with a way forward (failed load, no access, unknown page). Deliberately not
 * antd's Result: that one ships large illustrations for every status, costly on a weak connection.
 */
export function StatusMessage({
  tone,
  title,
  text,
  actions,
  fullScreen = false,
}: {
  tone: Tone;
  title: ReactNode;
  text?: ReactNode;
  actions?: ReactNode;
  fullScreen?: boolean;
}) {
  return (
    <div className={`status-message status-${tone}${fullScreen ? ' status-full' : ''}`} role={tone === 'info' || tone === 'success' ? 'status' : 'alert'}>
      <div className="status-glyph" aria-hidden="true">
        {GLYPH[tone]}
      </div>
      <h2 className="status-title">{title}</h2>
      {text && <p className="status-text">{text}</p>}
      {actions && <div className="status-actions">{actions}</div>}
    </div>
  );
}
