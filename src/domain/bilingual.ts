/** A text in both languages of the product: Indonesian first, English available. */
export interface Bilingual {
  id: string;
  en: string;
}
