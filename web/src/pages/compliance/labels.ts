import type { TFunction } from 'i18next';
import type { CaseStep } from '../../../../src/domain/compliance-case';
import type { ComplianceStatus } from '../../../../src/domain/compliance';
import type { Finding } from '../../../../src/modules/employers/schemas';

export const STATUS_TONE: Record<ComplianceStatus, string> = { compliant: 'green', PWBD: 'orange', PDS_TK: 'blue', PDS_UPAH: 'cyan', PDS_PROGRAM: 'grey' };
export const statusLabel = (t: TFunction, s: ComplianceStatus) => t(`compliance.status.${s}`);
export const stepLabel = (t: TFunction, s: CaseStep) => t(`compliance.step.${s}`);
/** A finding in the chosen language (the API sends both). */
export const findingText = (f: Finding, lang: string) => (lang === 'en' ? f.messageEn : f.message);
/** 2025-01-06 → 06/01/2025 */
export const dateText = (iso: string | null | undefined) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—');
