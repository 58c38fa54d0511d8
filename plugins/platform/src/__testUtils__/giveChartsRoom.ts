/**
 * Gives every element a size in the tests of this file: jsdom lays nothing
 * out, and recharts draws a responsive chart at its container's size.
 */
export function giveChartsRoom(width = 600, height = 300) {
  beforeEach(() => {
    // A new rectangle each call: callers may change the one they get.
    jest
      .spyOn(Element.prototype, 'getBoundingClientRect')
      .mockImplementation(() => new DOMRect(0, 0, width, height));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
}
