/**
 * The Platform API backend plugin.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
