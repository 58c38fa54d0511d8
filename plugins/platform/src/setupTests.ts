import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The default one-second wait is too short for material-table pages when
// every package's tests share two cores in CI.
configure({ asyncUtilTimeout: 5000 });
// For the same reason a whole page test (a form, a dialog, a re-read) can
// take more than jest's default five seconds; it should fail on what it
// checks, not on the clock.
jest.setTimeout(20_000);

// jsdom lacks ResizeObserver, which recharts' ResponsiveContainer needs.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.assign(window, { ResizeObserver: ResizeObserverStub });
}
