/**
 * Indonesian UI text (the default language), one file per capability. Every string the UI shows
 * lives here and in ../en (same keys: typed by Messages, checked by catalogues.test.ts).
 */
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

export const id = {
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
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language must fill. */
export type Messages = Widen<typeof id>;
