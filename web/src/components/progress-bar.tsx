import { currentLang } from '../i18n';
import { formatPercent } from '../lib/format';
import './progress-bar.css';

/** A determinate progress bar (0..1) with the percentage written next to it; announced as a progressbar. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const ratio = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  const percent = Math.floor(ratio * 100);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={formatPercent(Math.floor(ratio * 100) / 100, currentLang(), 0)}
      >
        <div className="progress-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
      <span className="progress-text" data-testid="progress-percent" aria-hidden="true">
        {formatPercent(Math.floor(ratio * 100) / 100, currentLang(), 0)}
      </span>
    </div>
  );
}
