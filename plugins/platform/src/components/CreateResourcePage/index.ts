export { CreateResourcePage } from './CreateResourcePage';
