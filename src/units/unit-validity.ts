/** A period of validity, inclusive at both ends; null means unbounded on that side. */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** True when `inner` lies within `outer` (ISO days compare as strings). */
export function withinValidity(inner: Validity, outer: Validity): boolean {
  const startsInside =
    outer.validFrom === null || (inner.validFrom !== null && inner.validFrom >= outer.validFrom);
  const endsInside = outer.validTo === null || (inner.validTo !== null && inner.validTo <= outer.validTo);
  return startsInside && endsInside;
}

export function isOrdered(v: Validity): boolean {
  return v.validFrom === null || v.validTo === null || v.validFrom <= v.validTo;
}
