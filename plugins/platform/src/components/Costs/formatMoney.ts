/**
 * An amount in the user's locale: "€1,234.50". A currency that is not an
 * ISO 4217 code (the configuration allows any text) is written after the
 * number instead. With `signed`, a difference: "+€12.00", "-€5.00".
 */
export function formatMoney(
  amount: number,
  currency: string,
  options: { signed?: boolean } = {},
): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      signDisplay: options.signed ? 'exceptZero' : 'auto',
    }).format(amount);
  } catch {
    const sign = options.signed && amount > 0 ? '+' : '';
    return `${sign}${amount.toFixed(2)} ${currency}`;
  }
}
