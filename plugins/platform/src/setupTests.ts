import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The default one-second wait is too short for material-table pages when
// every package's tests share two cores in CI.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks ResizeObserver, which recharts' ResponsiveContainer needs.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.assign(window, { ResizeObserver: ResizeObserverStub });
}
