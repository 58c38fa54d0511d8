// Collects the assertions of one check and prints them.

class CheckReport {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
    this.started = Date.now();
  }

  /** One assertion: printed with ✓ or ✗, counted. */
  expect(description, ok, detail) {
    if (ok) {
      this.passed += 1;
      console.log(`  ✓ ${description}${detail ? ` (${detail})` : ''}`);
    } else {
      this.failed += 1;
      console.log(`  ✗ ${description}${detail ? `: ${detail}` : ''}`);
    }
    return Boolean(ok);
  }

  /** A figure worth reporting that is not an assertion. */
  note(text) {
    console.log(`    · ${text}`);
  }

  /** The check stopped early: counts as one failure. */
  crashed(error) {
    this.expect(
      'the check ran to completion',
      false,
      error?.stack ?? String(error),
    );
  }

  summary() {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    console.log(`  (${seconds} s)`);
    console.log(`${this.name}: ${this.passed} passed, ${this.failed} failed`);
  }
}

/** Counts of values, as `a ×3, b ×1`. */
function tally(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) => `${value} ×${count}`)
    .join(', ');
}

module.exports = { CheckReport, tally };
