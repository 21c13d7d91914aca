import type { Messages } from '../id';
import { common } from './common';
import { regions } from './regions';
import { workers } from './workers';
import { imports } from './imports';
import { funding } from './funding';
import { compliance } from './compliance';
import { coverage } from './coverage';
import { participation } from './participation';
import { home } from './home';
import { inpres } from './inpres';
import { claims } from './claims';
import { projects } from './projects';
import { targeting } from './targeting';
import { audit } from './audit';

/** English UI text, one file per capability; same keys as ../id. */
export const en: Messages = {
  ...common,
  ...regions,
  ...workers,
  ...imports,
  ...funding,
  ...compliance,
  ...coverage,
  ...participation,
  ...home,
  ...inpres,
  ...claims,
  ...projects,
  ...targeting,
  ...audit,
};

/** English UI text, one file per capability; same keys as ../id. */
