export { formatMoney } from './formatMoney';
