/**
 * The receipt forms a unit may issue on, by the accounting regime its association follows. The
 * choice is a unit setting inherited from the nearest ancestor that has one.
 */
export const RECEIPT_FORMS = ['tt24_2024', 'tt133_2016'] as const;
export type ReceiptFormName = (typeof RECEIPT_FORMS)[number];

/** What the receipt prints in its top right corner for a form. */
export interface ReceiptForm {
  name: ReceiptFormName;
  /** "Mẫu số C40-BB". */
  title: string;
  /** "(Ban hành theo Thông tư số … của Bộ Tài chính)". */
  basis: string;
}

const FORMS: Record<ReceiptFormName, Omit<ReceiptForm, 'name'>> = {
  // The regime for administrative and non-business units, which associations funded from the
  // budget follow; it replaced Thông tư 107/2017/TT-BTC from 01/01/2025.
  tt24_2024: {
    title: 'Mẫu số C40-BB',
    basis: '(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)',
  },
  // The small and medium enterprise regime, for associations that keep their books by it.
  tt133_2016: {
    title: 'Mẫu số 01-TT',
    basis: '(Ban hành theo Thông tư số 133/2016/TT-BTC ngày 26/8/2016 của Bộ Tài chính)',
  },
};

/** Without a setting anywhere above a unit: the administrative and non-business regime. */
export const DEFAULT_RECEIPT_FORM: ReceiptFormName = 'tt24_2024';

export const receiptForm = (name: ReceiptFormName | null): ReceiptForm => {
  const chosen = name ?? DEFAULT_RECEIPT_FORM;
  return { name: chosen, ...FORMS[chosen] };
};
