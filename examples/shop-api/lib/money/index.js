/** Prices are kept in integer cents so that sums never pick up floating-point error. */
export function toCents(amount) {
  return Math.round(Number(amount) * 100);
}

export function formatCents(cents, currency = 'EUR') {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
}
